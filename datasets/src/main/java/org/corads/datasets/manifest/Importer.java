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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.corads.steps.core.Sha256;
import org.corads.steps.eval.LabelSystem;
import org.corads.steps.io.BadInputException;

/**
 * Turns a folder of scans plus a labels CSV into a manifest with digests and splits. Labels CSV columns:
 * {@code scan_id, patient_id, file, label}, optional {@code slice_thickness_mm}, {@code sha256} (checked when
 * present) and {@code split}. A scan is a file, or a folder holding one DICOM series (its manifest URI ends in
 * {@code /}, its digest is the SHA-256 of its files' sorted relative paths and digests). With a {@code split} column
 * every row names train, validation or test and no patient may be in two splits; without it, {@link Splits}
 * assigns patient-grouped, label-stratified, seeded splits. Every row is checked before anything is written —
 * unknown label, mixed label systems, missing file, a file outside the folder, duplicate scan id, digest mismatch,
 * bad split, a patient in two splits — and all problems are reported in one line with their row numbers; the
 * manifest is then written atomically, so nothing is ever half-imported.
 */
public final class Importer {

    private Importer() {}

    /** Imports with the standard splits (seed 1) where the sheet has no {@code split} column. */
    public static List<ManifestRow> importFolder(Path scans, Path labelsCsv) {
        return importFolder(scans, labelsCsv, Splits.standard(1));
    }

    /** Imports; {@code splits} assigns the splits when the sheet has no {@code split} column. */
    public static List<ManifestRow> importFolder(Path scans, Path labelsCsv, Splits splits) {
        List<Map<String, String>> rows = readLabels(labelsCsv);
        boolean splitGiven = !rows.isEmpty() && rows.get(0).containsKey("split");
        Map<String, Map<String, Integer>> splitsOfPatient = new TreeMap<>();
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
            String split = splitGiven ? value(r, "split").toLowerCase(Locale.ROOT) : "";
            List<String> row = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String[] c : new String[][]{{"scan_id", id}, {"patient_id", patient}, {"file", file}, {"label", label},
                    {"split", splitGiven ? split : "-"}}) {
                if (c[1].isEmpty()) {
                    missing.add(c[0]);
                }
            }
            if (!split.isEmpty() && !Splits.NAMES.contains(split)) {
                row.add("split '" + printable(value(r, "split")) + "' is not train, validation or test");
            } else if (!split.isEmpty() && !patient.isEmpty()) {
                splitsOfPatient.computeIfAbsent(patient, k -> new TreeMap<>()).putIfAbsent(split, line);
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
            } else if (f != null && f.equals(root)) {
                row.add("file '" + file + "' is the scans folder itself");
            } else if (f != null && !Files.isRegularFile(f) && !Files.isDirectory(f)) {
                row.add("file '" + file + "' not found in " + scans);
            } else if (f != null) {
                try {
                    digest = Files.isDirectory(f) ? folderDigest(f) : Sha256.of(f);
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
            String uri = root.relativize(f).toString() + (Files.isDirectory(f) ? "/" : "");
            out.add(new ManifestRow(id, patient, uri, s.get().canonical(label).orElseThrow(), s.get().name(), split,
                    thickness, digest));
        }
        splitsOfPatient.forEach((patient, in) -> {
            if (in.size() > 1) {
                List<String> where = new ArrayList<>();
                in.forEach((split, line) -> where.add(split + " (line " + line + ")"));
                problems.add("patient '" + patient + "' is in " + String.join(" and ", where));
            }
        });
        if (!problems.isEmpty()) {
            throw BadInputException.of(labelsCsv,
                    problems.size() + " row(s) with problems, nothing imported: " + String.join("; ", problems));
        }
        return splitGiven ? out : splits.assign(out);
    }

    /** Imports (standard splits, seed 1, unless the sheet gives them) and writes {@code manifest} atomically. */
    public static List<ManifestRow> importTo(Path scans, Path labelsCsv, Path manifest) throws IOException {
        return importTo(scans, labelsCsv, manifest, Splits.standard(1));
    }

    /**
     * Imports and writes {@code manifest} (atomically) only when every row is valid; its URIs are relative to the
     * manifest's folder, as every reader of a manifest resolves them.
     */
    public static List<ManifestRow> importTo(Path scans, Path labelsCsv, Path manifest, Splits splits)
            throws IOException {
        return write(scans, importFolder(scans, labelsCsv, splits), manifest);
    }

    /**
     * Writes {@code manifest} (atomically) from rows imported from {@code scans}, their URIs made relative to the
     * manifest's folder; returns the rows as written.
     */
    public static List<ManifestRow> write(Path scans, List<ManifestRow> imported, Path manifest) throws IOException {
        Path root = scans.toAbsolutePath().normalize();
        Path home = manifest.toAbsolutePath().normalize().getParent();
        List<ManifestRow> rows = new ArrayList<>();
        for (ManifestRow r : imported) {
            String uri = home.relativize(root.resolve(r.uri())).toString().replace('\\', '/');
            rows.add(new ManifestRow(r.scanId(), r.patientId(), r.uri().endsWith("/") ? uri + "/" : uri, r.label(),
                    r.labelSystem(), r.split(), r.sliceThicknessMm(), r.digest()));
        }
        Manifests.write(rows, manifest);
        return rows;
    }

    /** SHA-256 over a folder's regular files: one line {@code <relative path> <sha256>} each, sorted by path. */
    public static String folderDigest(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> w = Files.walk(dir)) {
            files = w.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("the folder holds no files");
        }
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(dir.relativize(f).toString().replace('\\', '/')).append(' ').append(Sha256.of(f)).append('\n');
        }
        return Sha256.of(b.toString());
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
                    throw BadInputException.of(csv,
                            "line 1: missing column '" + c + "'; expected scan_id,patient_id,file,label"
                                    + " (optional slice_thickness_mm, sha256, split)");
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
