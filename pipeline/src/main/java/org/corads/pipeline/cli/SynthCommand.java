package org.corads.pipeline.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.CohortWriter;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.storage.CohortUpload;
import org.corads.pipeline.study.Feasibility;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synth <n> <outDir | s3://bucket/prefix> [--seed S] [--fractions T,V,E]}: a deterministic synthetic
 * CO-RADS cohort — scans ({@code .mha}), lesion masks, {@code manifest.csv} with patient-grouped stratified splits and
 * digests, and {@code lesions.csv}. To an {@code s3://} prefix it uploads the same files (the manifest's URIs then
 * point into the bucket), skips the work when that prefix already holds the same cohort ({@code cohort.json}) and
 * refuses one that holds another.
 */
@Command(name = "synth", description = "Generate a synthetic CO-RADS cohort into a folder or an s3:// prefix.")
public class SynthCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<n>", description = "Number of scans.")
    Integer n;

    @Parameters(index = "1", paramLabel = "<outDir or s3://bucket/prefix>", description = "Where the cohort and its "
            + "manifest.csv are written.")
    String out;

    @Option(names = "--seed", defaultValue = "1", description = "Cohort seed.")
    long seed;

    @Option(names = "--difficulty", defaultValue = "0.5", description = "0–1: label noise and grade overlap.")
    double difficulty;

    @Option(names = "--resolution", defaultValue = "FULL", description = "FULL (0.6–0.9 mm in-plane) or "
            + "FAST (4× coarser).")
    SynthConfig.Resolution resolution;

    @Option(names = "--no-signal", description = "Labels independent of the images (a chance-level control).")
    boolean noSignal;

    @Option(names = "--fractions", defaultValue = "0.6,0.2,0.2", paramLabel = "T,V,E", description = "Shares of "
            + "train, validation and test (default: ${DEFAULT-VALUE}); the split seed is the cohort seed.")
    String fractions;

    @Option(names = "--force", description = "Write into a folder that already holds a manifest.")
    boolean force;

    @Inject
    Storage storage;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 100_000) {
            throw new BadInputException("<n> must be 1–100000, got " + n);
        }
        if (!(difficulty >= 0 && difficulty <= 1)) {
            throw new BadInputException("--difficulty must be in [0, 1], got " + difficulty);
        }
        Splits splits = ImportCommand.splits(fractions, seed);
        SyntheticCohort cohort = new SyntheticCohort(n, seed, new SynthConfig(resolution, difficulty, noSignal));
        List<String> problems = Feasibility.problems(cohort.plannedRows(splits));
        if (!problems.isEmpty()) {
            System.err.println("warning: no study can run on this cohort: " + String.join("; ", problems));
        }
        if (out.startsWith("s3://")) {
            String uri = new CohortUpload(storage.store()).upload(cohort, splits, out, System.err::println);
            System.out.println("{\"manifest\": \"" + uri + "\"}");
            return ExitCodes.OK;
        }
        Path dir = Path.of(out);
        Outputs.refuseOverwrite(dir.resolve("manifest.csv"), force);
        List<ManifestRow> rows = CohortWriter.write(cohort, dir, splits, System.err::println);
        System.out.println("{\"manifest\": \"" + dir.resolve("manifest.csv").toAbsolutePath() + "\", \"scans\": "
                + rows.size() + "}");
        return ExitCodes.OK;
    }
}
