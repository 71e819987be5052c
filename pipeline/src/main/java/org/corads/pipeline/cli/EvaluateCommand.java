package org.corads.pipeline.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.steps.core.Sha256;
import org.corads.steps.eval.Bootstrap;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.Evaluation;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.PredictionsCsv;
import org.corads.steps.eval.ReportContext;
import org.corads.steps.io.BadInputException;
import org.corads.steps.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate <predictions.csv> <outDir>} (SPEC §8): QWK, AUC, patient-clustered bootstrap CIs, paired
 * p-values against the reference model, confusion matrices, plots, {@code report.html}; prints
 * {@code metrics.json}. Malformed rows → exit 2 naming the line.
 */
@Command(name = "evaluate", description = "Evaluate predictions: AUC, QWK, bootstrap CIs, p-values, plots, report.")
public class EvaluateCommand implements Callable<Integer> {
    /** Fewer bootstrap resamples than this are warned about. */
    static final int MIN_ITERATIONS = 200;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<predictions.csv>", description = "Predictions: scan_id, label, one "
            + "score column per model (a study writes one).")
    Path predictions;

    @Parameters(index = "1", paramLabel = "<outDir>", description = "Where metrics.json and report.html are written.")
    Path outDir;

    @Option(names = "--iterations", description = "Bootstrap resamples (fewer than 200 give unstable CIs and "
            + "coarse p-values). Default: as recorded in a metrics.json beside <predictions.csv>, else 1000.")
    Integer iterations;

    @Option(names = "--seed", description = "Bootstrap seed. Default: as recorded in a metrics.json beside "
            + "<predictions.csv>, else 20200101.")
    Long seed;

    @Option(names = "--reference", description = "Model the others are compared with. Default: as recorded in a "
            + "metrics.json beside <predictions.csv> (a study's report folder); required otherwise when the file "
            + "has more than one model.")
    String reference;

    @Option(names = "--force", description = "Overwrite an earlier report in <outDir>.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwrite(outDir.resolve("metrics.json"), force);
        EvalData d = EvalData.of(PredictionsCsv.read(predictions), predictions);
        Settings recorded = Settings.beside(predictions);
        int its = iterations != null ? iterations : recorded != null ? recorded.iterations() : 1000;
        long sd = seed != null ? seed : recorded != null ? recorded.seed() : 20200101L;
        String ref = reference != null ? reference : recorded != null ? recorded.reference() : null;
        if (its < 1) {
            throw new BadInputException("--iterations must be ≥ 1, got " + its);
        }
        if (ref != null && !d.models().contains(ref)) {
            throw BadInputException.of(predictions,
                    "--reference '" + ref + "' is not a model in the file; models: " + String.join(", ", d.models()));
        }
        if (ref == null && d.models().size() > 1) {
            throw BadInputException.of(predictions, "has " + d.models().size() + " models and no recorded reference: "
                    + "name the one the others are compared with, --reference one of " + String.join(", ", d.models()));
        }
        PrintWriter err = spec.commandLine().getErr();
        if (recorded != null && (iterations == null || seed == null || reference == null)) {
            err.printf(Locale.ROOT, "evaluate: the settings recorded beside %s: reference %s, seed %d, %d iterations%n",
                    predictions, ref, sd, its);
        }
        if (its < MIN_ITERATIONS) {
            err.printf(Locale.ROOT,
                    "evaluate: warning: %d bootstrap iterations: CIs are unstable and p-values are "
                            + "multiples of 1/%d (a p of 0 means below that); use at least %d%n",
                    its, its, MIN_ITERATIONS);
        }
        err.flush();
        Map<String, String> input = Map.of(predictions.getFileName().toString(), Sha256.of(predictions));
        ReportContext context = recorded != null && recorded.context() != null
                ? recorded.context().with(input, "evaluate")
                : ReportContext.of(input, "evaluate");
        MetricsDocument m = new Evaluation(new Bootstrap(its, sd), ref).run(d, context);
        EvaluationReport.write(d, m, outDir);
        System.out.println(Files.readString(outDir.resolve("metrics.json")));
        return ExitCodes.OK;
    }

    /** The bootstrap settings a report recorded in its {@code metrics.json} (a study writes one beside its csv). */
    record Settings(int iterations, long seed, String reference, ReportContext context) {
        static Settings beside(Path predictions) throws IOException {
            Path metrics = predictions.toAbsolutePath().resolveSibling("metrics.json");
            if (!Files.isRegularFile(metrics)) {
                return null;
            }
            JsonNode m;
            try {
                m = new ObjectMapper().readTree(metrics.toFile());
            } catch (JacksonException e) {
                throw BadInputException.of(metrics, "is not a metrics document: " + e.getOriginalMessage());
            }
            JsonNode b = m.path("bootstrap");
            if (!b.path("iterations").isInt() || !b.path("seed").isIntegralNumber()) {
                return null;
            }
            ReportContext context = m.has("provenance")
                    ? new ObjectMapper().treeToValue(m.get("provenance"), ReportContext.class)
                    : null;
            return new Settings(b.get("iterations").asInt(), b.get("seed").asLong(),
                    m.path("reference").isTextual() ? m.get("reference").asText() : null, context);
        }
    }
}
