package org.corads.pipeline.steps.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepFiles;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.Evaluation;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.PredictionsCsv;
import org.corads.steps.report.EvaluationReport;

/**
 * {@code compare-arms}: the study's evaluation (SPEC §6): the predictions of every arm ({@code arm/<name>}, one
 * {@code predictions.csv} each, as {@code ensemble} writes them) are joined and evaluated together — AUC and QWK
 * with patient-level bootstrap CIs, paired comparisons against the reference arm, ROC, CI and confusion plots, the
 * HTML report — plus {@code predictions.csv}, the joined table the numbers come from. With the ensembles' member
 * grades ({@code members/<name>}, their {@code members.csv}) the report also gives each arm's per-seed spread: the
 * min / median / max of its members' AUC and QWK.
 */
public final class CompareArmsStep extends BaseStep<EvaluateStep.Params> {

    public CompareArmsStep() {
        super("compare-arms", 3, EvaluateStep.Params.class, List.of("arm*", "members*"), files());
    }

    private static List<String> files() {
        List<String> f = new ArrayList<>(EvaluationReport.FILES);
        f.add("predictions.csv");
        return f;
    }

    @Override
    public void run(EvaluateStep.Params p, StepFiles files) throws IOException {
        var arms = files.inputs("arm*");
        if (arms.isEmpty()) {
            throw new InvalidSpecException("compare-arms needs at least one arm/<name> input");
        }
        Path csv = files.output("predictions.csv");
        Files.writeString(csv, join(arms.values(), "arm predictions"));
        EvalData d = EvalData.of(PredictionsCsv.read(csv), csv);
        MetricsDocument m = p.evaluation().run(d, p.contextFor(arms, name(), version()));
        var members = files.inputs("members*");
        if (!members.isEmpty()) {
            m = m.withSpread(Evaluation.memberSpread(membersOf(members.values())));
        }
        EvaluationReport.write(d, m, csv.getParent());
    }

    /** Every member row of the ensembles' {@code members.csv} files, read as one predictions table. */
    private static EvalData membersOf(Collection<Path> files) throws IOException {
        Path all = Files.createTempFile("members", ".csv");
        try {
            Files.writeString(all, join(files, "ensemble members"));
            return EvalData.of(PredictionsCsv.read(all), all);
        } finally {
            Files.delete(all);
        }
    }

    /** The CSV files as one table: the first one's header, then every non-blank row; all must share that header. */
    private static String join(Collection<Path> files, String what) throws IOException {
        StringBuilder joined = new StringBuilder();
        String header = null;
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            if (header == null) {
                header = lines.get(0);
                joined.append(header).append('\n');
            } else if (!lines.get(0).equals(header)) {
                throw new IllegalArgumentException(what + " have different columns: " + lines.get(0));
            }
            lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(l -> joined.append(l).append('\n'));
        }
        return joined.toString();
    }
}
