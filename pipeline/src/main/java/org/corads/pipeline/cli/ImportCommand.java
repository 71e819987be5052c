package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.datasets.manifest.Importer;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Splits;
import org.corads.pipeline.study.Feasibility;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import <scansDir> <labels.csv> <manifest.csv> [--fractions T,V,E] [--split-seed S] [--external]}: a manifest
 * with
 * digests and splits from a folder of scans (files or DICOM series folders) and a labels sheet
 * ({@code scan_id,patient_id,file,label}, optional {@code split}); every bad row is reported with its line and nothing
 * is written unless all rows are valid. Prints the manifest's path and scans per split; a dataset no study can run on
 * (an empty split, one class only) is imported with a warning line saying why.
 */
@Command(name = "import", description = "Build a manifest (digests, splits) from a scans folder and a labels CSV.")
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<scansDir>", description = "A folder of scans (NIfTI, MetaImage files or "
            + "DICOM series folders).")
    Path scans;

    @Parameters(index = "1", paramLabel = "<labels.csv>", description = "Labels sheet: scan_id, patient_id, file (a "
            + "file or a DICOM series folder), label (CO-RADS, iCTCF or MosMedData); optional split "
            + "(train/validation/test, kept as given), slice_thickness_mm, sha256.")
    Path labels;

    @Parameters(index = "2", paramLabel = "<manifest.csv>", description = "Where the manifest is written.")
    Path manifest;

    @Option(names = "--fractions", defaultValue = "0.6,0.2,0.2", paramLabel = "T,V,E", description = "Shares of "
            + "train, validation and test when the sheet has no split column (default: ${DEFAULT-VALUE}).")
    String fractions;

    @Option(names = "--split-seed", defaultValue = "1", description = "Seed of the split assignment "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--external", description = "The cohort is an external test set (a study's dataset.external): "
            + "every scan goes to the test split, and the check is that it holds positives and negatives.")
    boolean external;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        Splits splits = splits(fractions, seed);
        if (!Files.isDirectory(scans)) {
            throw BadInputException.of(scans, "not a folder");
        }
        if (Files.exists(manifest)) {
            throw BadInputException.of(manifest, "already exists; choose another output");
        }
        List<ManifestRow> rows = external ? externalRows() : Importer.importTo(scans, labels, manifest, splits);
        Map<String, Integer> perSplit = new LinkedHashMap<>();
        Splits.NAMES.forEach(s -> perSplit.put(s, 0));
        rows.forEach(r -> perSplit.merge(r.split(), 1, Integer::sum));
        List<String> problems = external ? Feasibility.externalProblems(rows) : Feasibility.problems(rows);
        if (!problems.isEmpty()) {
            System.err.println("warning: no study can "
                    + (external ? "be evaluated on this external test set: " : "run on this dataset: ")
                    + String.join("; ", problems));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("manifest", manifest.toAbsolutePath().toString());
        out.put("scans", rows.size());
        out.put("splits", perSplit);
        System.out.println(mapper.writeValueAsString(out));
        return ExitCodes.OK;
    }

    private static final Splits ALL_TEST = splits("0,0,1", 1);

    /** An external test set's rows: all in test; a sheet that puts a scan in another split is refused. */
    private List<ManifestRow> externalRows() throws IOException {
        List<ManifestRow> rows = Importer.importFolder(scans, labels, ALL_TEST);
        for (ManifestRow r : rows) {
            if (!"test".equals(r.split())) {
                throw BadInputException.of(labels, "--external: scan " + r.scanId() + " is in the " + r.split()
                        + " split; every scan of an external test set is a test scan (drop the split column)");
            }
        }
        return Importer.write(scans, rows, manifest);
    }

    /** {@code 0.6,0.2,0.2} → train, validation, test shares; anything else is refused in one line. */
    static Splits splits(String text, long seed) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 3) {
                return Splits.of(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()),
                        Double.parseDouble(parts[2].strip()), seed);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new BadInputException("--fractions " + text + ": expected three shares of train, validation and test "
                + "that are ≥ 0 and sum to 1, e.g. 0.6,0.2,0.2");
    }
}
