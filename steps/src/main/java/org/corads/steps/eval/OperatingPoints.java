package org.corads.steps.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sensitivity and specificity where a reader would set the model to work: the CO-RADS ≥ 3 rule on the predicted
 * grade, and the score thresholds that reach 90 % and 95 % sensitivity. Computed on the scans of the ROC analysis.
 */
final class OperatingPoints {
    static final double[] SENSITIVITY_TARGETS = {0.90, 0.95};

    private OperatingPoints() {}

    static List<MetricsDocument.OperatingPoint> of(EvalData d, int m) {
        int[] cases = d.rocCases();
        int p = 0;
        int n = 0;
        int tpGrade = 0;
        int tnGrade = 0;
        for (int i : cases) {
            boolean pos = d.positive()[i] == 1;
            boolean predicted = d.grades()[m][i] >= 3;
            p += pos ? 1 : 0;
            n += pos ? 0 : 1;
            tpGrade += pos && predicted ? 1 : 0;
            tnGrade += !pos && !predicted ? 1 : 0;
        }
        List<MetricsDocument.OperatingPoint> out = new ArrayList<>();
        if (p == 0 || n == 0) {
            return out;
        }
        out.add(new MetricsDocument.OperatingPoint("CO-RADS >= 3", null, (double) tpGrade / p, (double) tnGrade / n));
        double[] positives = Arrays.stream(cases).filter(i -> d.positive()[i] == 1).mapToDouble(i -> d.scores()[m][i])
                .sorted().toArray();
        for (double target : SENSITIVITY_TARGETS) {
            // the highest threshold that still calls at least target × P positives positive
            int k = (int) Math.ceil(target * p - 1e-9);
            double threshold = positives[p - k];
            int tp = 0;
            int tn = 0;
            for (int i : cases) {
                boolean called = d.scores()[m][i] >= threshold;
                tp += d.positive()[i] == 1 && called ? 1 : 0;
                tn += d.positive()[i] == 0 && !called ? 1 : 0;
            }
            out.add(new MetricsDocument.OperatingPoint(String.format(Locale.ROOT, "sensitivity >= %.2f", target),
                    threshold, (double) tp / p, (double) tn / n));
        }
        return out;
    }
}
