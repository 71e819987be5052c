package org.corads.datasets.manifest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corads.steps.core.Sha256;
import org.corads.steps.eval.LabelSystem;
import org.corads.steps.io.BadInputException;

/**
 * Turns a folder of scans plus a labels CSV into a manifest with digests. Labels CSV columns: {@code scan_id,
 * patient_id, file, label}, optional {@code slice_thickness_mm} and {@code sha256} (checked when present).
 * Every row is checked before anything is written — unknown label, mixed label systems, missing file, a file
 * outside the folder, duplicate scan id, digest mismatch — and all problems are reported in one line with their
 * row numbers; the manifest is then written atomically, so nothing is ever half-imported.
 */
public final class Importer {
    private static final int MAX_REPORTED = 5;

    private Importer() {}

    public static List<ManifestRow> importFolder(Path scans, Path labelsCsv) {
        List<Map<String, String>> rows = readLabels(labelsCsv);
        List<String> problems = new ArrayList<>();
        List<ManifestRow> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        LabelSystem system = null;
        Path root = scans.toAbsolutePath().normalize();
        for (int i = 0; i < rows.size(); i++) {
            int line = i + 2;
            Map<String, String> r = rows.get(i);
            String id = value(r, "scan_id");
            String label = value(r, "label");
            String file = value(r, "file");
            String patient = value(r, "patient_id");
            if (id.isEmpty() || label.isEmpty() || file.isEmpty() || patient.isEmpty()) {
                problems.add("line " + line + ": scan_id, patient_id, file and label are required");
                continue;
            }
            if (!ids.add(id)) {
                problems.add("line " + line + ": duplicate scan_id '" + id + "'");
            }
            Optional<LabelSystem> s = LabelSystem.ofLabel(label);
            if (s.isEmpty()) {
                problems.add("line " + line + ": unknown label '" + label + "'");
                continue;
            }
            if (system != null && s.get() != system) {
                problems.add("line " + line + ": label '" + label + "' is " + s.get() + ", earlier rows are " + system);
            }
            system = system == null ? s.get() : system;
            Path f = root.resolve(file).normalize();
            if (!f.startsWith(root)) {
                problems.add("line " + line + ": file '" + file + "' lies outside " + scans);
                continue;
            }
            if (!Files.isRegularFile(f)) {
                problems.add("line " + line + ": file '" + file + "' not found in " + scans);
                continue;
            }
            String digest;
            try {
                digest = Sha256.of(f);
            } catch (IOException e) {
                problems.add("line " + line + ": file '" + file + "' cannot be read: " + e.getMessage());
                continue;
            }
            String expected = value(r, "sha256");
            if (!expected.isEmpty() && !expected.equalsIgnoreCase(digest)) {
                problems.add("line " + line + ": digest of '" + file + "' is " + digest + ", the labels file says "
                        + expected);
            }
            Double thickness = null;
            String t = value(r, "slice_thickness_mm");
            if (!t.isEmpty()) {
                try {
                    thickness = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    problems.add("line " + line + ": slice_thickness_mm '" + t + "' is not a number");
                }
            }
            out.add(new ManifestRow(id, patient, root.relativize(f).toString(), s.get().canonical(label).orElseThrow(),
                    s.get().name(), "", thickness, digest));
        }
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(MAX_REPORTED, problems.size())));
            throw BadInputException.of(labelsCsv, problems.size() + " problem(s), nothing imported: " + shown
                    + (problems.size() > MAX_REPORTED ? "; …" : ""));
        }
        return out;
    }

    /** Imports and writes {@code manifest} (atomically) only when every row is valid. */
    public static List<ManifestRow> importTo(Path scans, Path labelsCsv, Path manifest) throws IOException {
        List<ManifestRow> rows = importFolder(scans, labelsCsv);
        Manifests.write(rows, manifest);
        return rows;
    }

    private static List<Map<String, String>> readLabels(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw BadInputException.of(csv, "no such file");
        }
        CsvMapper m = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            CsvSchema header = (CsvSchema) it.getParserSchema();
            for (String c : List.of("scan_id", "patient_id", "file", "label")) {
                if (header.column(c) == null) {
                    throw BadInputException.of(csv, "line 1: missing column '" + c
                            + "'; expected scan_id,patient_id,file,label" + " (optional slice_thickness_mm, sha256)");
                }
            }
            return it.readAll();
        } catch (IOException e) {
            throw BadInputException.of(csv,
                    "not a readable CSV: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static String value(Map<String, String> r, String key) {
        String v = r.get(key);
        return v == null ? "" : v.strip();
    }
}
