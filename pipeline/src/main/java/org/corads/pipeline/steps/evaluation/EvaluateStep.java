package org.corads.pipeline.steps.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.Sha256;
import org.corads.steps.core.StepFiles;
import org.corads.steps.eval.Bootstrap;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.Evaluation;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.PredictionsCsv;
import org.corads.steps.eval.ReportContext;
import org.corads.steps.report.EvaluationReport;

/** {@code evaluate}: SPEC §6 on a predictions CSV → metrics.json, table.md, plots and report.html. */
public final class EvaluateStep extends BaseStep<EvaluateStep.Params> {

    /**
     * @param iterations bootstrap resamples (1000)
     * @param seed       bootstrap seed
     * @param reference  model compared with the others; null → the first model in the file
     */
    /**
     * @param iterations bootstrap resamples
     * @param seed       bootstrap seed
     * @param reference  the model the others are compared with (null: the first of the file)
     * @param context    the study and data the predictions come from, for the report's provenance and banners (null:
     *                       unknown)
     */
    public record Params(int iterations, long seed, String reference, ReportContext context) {
        public static final Params PAPER = new Params(Bootstrap.PAPER.iterations(), Bootstrap.PAPER.seed(), null);

        public Params {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be ≥ 1");
            }
        }

        public Params(int iterations, long seed, String reference) {
            this(iterations, seed, reference, null);
        }

        /** The evaluation these parameters ask for. */
        public Evaluation evaluation() {
            return new Evaluation(new Bootstrap(iterations, seed), reference);
        }

        /** The report's context: the study's, with the digests of the input files and the evaluating step. */
        public ReportContext contextFor(Map<String, Path> inputs, String step, int version) throws IOException {
            Map<String, String> digests = new TreeMap<>();
            for (Map.Entry<String, Path> e : inputs.entrySet()) {
                digests.put(e.getKey(), Sha256.of(e.getValue()));
            }
            String by = step + " v" + version;
            return context == null ? ReportContext.of(digests, by) : context.with(digests, by);
        }
    }

    public EvaluateStep() {
        super("evaluate", 3, Params.class, List.of("predictions"), EvaluationReport.FILES);
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        EvalData d = EvalData.of(PredictionsCsv.read(files.input("predictions")), files.input("predictions"));
        MetricsDocument m = p.evaluation().run(d,
                p.contextFor(Map.of("predictions", files.input("predictions")), name(), version()));
        Path dir = files.output("metrics.json").getParent();
        Files.createDirectories(dir);
        EvaluationReport.write(d, m, dir);
    }
}
