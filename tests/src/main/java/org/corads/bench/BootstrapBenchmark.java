package org.corads.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.corads.steps.eval.Bootstrap;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.Evaluation;
import org.corads.steps.eval.Prediction;

/**
 * 1000-iteration patient-clustered bootstrap of AUC and QWK for n = 742 scans and 2 paired models (the size of
 * the paper's external set), repeated; prints the warm median. Usage: {@code BootstrapBenchmark [repeats]}.
 */
public final class BootstrapBenchmark {

    private BootstrapBenchmark() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Random r = new Random(1);
        List<Prediction> rows = new ArrayList<>();
        for (String model : new String[]{"3D", "2D"}) {
            Random scores = new Random(model.hashCode());
            for (int i = 0; i < 742; i++) {
                int grade = 1 + new Random(i).nextInt(5);
                double s = Math.max(0, Math.min(1, (grade - 1) / 4.0 + scores.nextGaussian() * 0.2));
                rows.add(new Prediction(i + 2, "s" + i, "p" + (i * 7 / 10), Integer.toString(grade), model, s,
                        Prediction.gradeOf(s), null));
            }
        }
        EvalData d = EvalData.of(rows, null);
        Evaluation e = new Evaluation(Bootstrap.PAPER, null);
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            e.run(d);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] warm = Arrays.copyOfRange(ms, Math.min(5, repeats - 1), repeats);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT,
                "evaluation (1000-iteration bootstrap of AUC and QWK, %d scans, %d patients, 2 models, "
                        + "paired p-values): first %.0f ms, warm median %.1f ms (min %.1f) over %d runs%n",
                d.scans(), d.patients(), ms[0], warm[warm.length / 2], warm[0], warm.length);
        r.nextInt();
    }
}
