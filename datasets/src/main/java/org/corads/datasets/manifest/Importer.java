package org.corads.datasets.manifest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
            List<String> row = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String[] c : new String[][]{{"scan_id", id}, {"patient_id", patient}, {"file", file},
                    {"label", label}}) {
                if (c[1].isEmpty()) {
                    missing.add(c[0]);
                }
            }
            if (!missing.isEmpty()) {
                row.add("missing " + String.join(", ", missing));
            }
            if (!id.isEmpty() && !ids.add(id)) {
                row.add("duplicate scan_id '" + id + "'");
            }
            Optional<LabelSystem> s = label.isEmpty() ? Optional.empty() : LabelSystem.ofLabel(label);
            if (!label.isEmpty() && s.isEmpty()) {
                row.add("unknown label '" + label + "'");
            } else if (s.isPresent() && system != null && s.get() != system) {
                row.add("label '" + label + "' is " + s.get() + ", earlier rows are " + system);
            }
            if (system == null && s.isPresent()) {
                system = s.get();
            }
            Path f = file.isEmpty() ? null : path(root, file);
            String digest = null;
            if (!file.isEmpty() && f == null) {
                row.add("file '" + printable(file) + "' is not a valid path");
            } else if (f != null && !f.startsWith(root)) {
                row.add("file '" + file + "' lies outside " + scans);
            } else if (f != null && !Files.isRegularFile(f)) {
                row.add("file '" + file + "' not found in " + scans);
            } else if (f != null) {
                try {
                    digest = Sha256.of(f);
                    String expected = value(r, "sha256");
                    if (!expected.isEmpty() && !expected.equalsIgnoreCase(digest)) {
                        row.add("digest of '" + file + "' is " + digest + ", the labels file says " + expected);
                    }
                } catch (IOException e) {
                    row.add("file '" + file + "' cannot be read: " + e.getMessage());
                }
            }
            Double thickness = null;
            String t = value(r, "slice_thickness_mm");
            if (!t.isEmpty()) {
                try {
                    thickness = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    row.add("slice_thickness_mm '" + t + "' is not a number");
                }
            }
            if (!row.isEmpty()) {
                problems.add("line " + line + ": " + String.join(", ", row));
                continue;
            }
            out.add(new ManifestRow(id, patient, root.relativize(f).toString(), s.get().canonical(label).orElseThrow(),
                    s.get().name(), "", thickness, digest));
        }
        if (!problems.isEmpty()) {
            throw BadInputException.of(labelsCsv,
                    problems.size() + " row(s) with problems, nothing imported: " + String.join("; ", problems));
        }
        return out;
    }

    /** Imports and writes {@code manifest} (atomically) only when every row is valid. */
    public static List<ManifestRow> importTo(Path scans, Path labelsCsv, Path manifest) throws IOException {
        List<ManifestRow> rows = importFolder(scans, labelsCsv);
        Manifests.write(rows, manifest);
        return rows;
    }

    /** {@code file} inside {@code root}, or null when it is no path at all (a NUL or other forbidden character). */
    private static Path path(Path root, String file) {
        try {
            return root.resolve(file).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A value as a one-line message can show it: control characters as {@code \\uXXXX}. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b
                .append(Character.isISOControl(c) ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return b.toString();
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
