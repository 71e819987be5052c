package org.corads.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.corads.steps.eval.Bootstrap;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.Evaluation;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.PredictionsCsv;
import org.corads.steps.io.BadInputException;
import org.corads.steps.report.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate <predictions.csv> <outDir>} (SPEC §8): QWK, AUC, patient-clustered bootstrap CIs, paired
 * p-values against the reference model, confusion matrices, plots, {@code report.html}; prints
 * {@code metrics.json}. Malformed rows → exit 2 naming the line.
 */
@Command(name = "evaluate", description = "Evaluate predictions: AUC, QWK, bootstrap CIs, p-values, plots, report.")
public class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<predictions.csv>")
    Path predictions;

    @Parameters(index = "1", paramLabel = "<outDir>")
    Path outDir;

    @Option(names = "--iterations", defaultValue = "1000", description = "Bootstrap resamples (default "
            + "${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "20200101", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reference", description = "Model the others are compared with (default: the first in the file).")
    String reference;

    @Option(names = "--force", description = "Overwrite an earlier report in <outDir>.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1) {
            throw new BadInputException("--iterations must be ≥ 1, got " + iterations);
        }
        Outputs.refuseOverwrite(outDir.resolve("metrics.json"), force);
        EvalData d = EvalData.of(PredictionsCsv.read(predictions), predictions);
        if (reference != null && !d.models().contains(reference)) {
            throw BadInputException.of(predictions, "--reference '" + reference
                    + "' is not a model in the file; models: " + String.join(", ", d.models()));
        }
        MetricsDocument m = new Evaluation(new Bootstrap(iterations, seed), reference).run(d);
        EvaluationReport.write(d, m, outDir);
        System.out.println(Files.readString(outDir.resolve("metrics.json")));
        return ExitCodes.OK;
    }
}
