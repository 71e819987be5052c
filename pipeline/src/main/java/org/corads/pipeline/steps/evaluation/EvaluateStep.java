package org.corads.pipeline.steps.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.eval.Bootstrap;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.Evaluation;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.PredictionsCsv;
import org.corads.steps.report.EvaluationReport;

/** {@code evaluate}: SPEC §6 on a predictions CSV → metrics.json, table.md, plots and report.html. */
public final class EvaluateStep extends BaseStep<EvaluateStep.Params> {

    /**
     * @param iterations bootstrap resamples (1000)
     * @param seed       bootstrap seed
     * @param reference  model compared with the others; null → the first model in the file
     */
    public record Params(int iterations, long seed, String reference) {
        public static final Params PAPER = new Params(Bootstrap.PAPER.iterations(), Bootstrap.PAPER.seed(), null);

        public Params {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be ≥ 1");
            }
        }
    }

    public EvaluateStep() {
        super("evaluate", 1, Params.class, List.of("predictions"), EvaluationReport.FILES);
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        EvalData d = EvalData.of(PredictionsCsv.read(files.input("predictions")), files.input("predictions"));
        MetricsDocument m = new Evaluation(new Bootstrap(p.iterations(), p.seed()), p.reference()).run(d);
        Path dir = files.output("metrics.json").getParent();
        Files.createDirectories(dir);
        EvaluationReport.write(d, m, dir);
    }
}
