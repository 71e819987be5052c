package org.corads.steps.eval;

/**
 * Cohen's kappa with quadratic weights on the five CO-RADS grades (1–5), always over all five grades
 * (weights {@code (i − j)² / 16} by grade value, also when a grade is absent), optionally with a multiplicity
 * per case for bootstrap resamples. Equals scikit-learn's {@code cohen_kappa_score(weights="quadratic",
 * labels=[1, 2, 3, 4, 5])}. Undefined (NaN) when the expected disagreement is zero.
 */
public final class Qwk {
    public static final int GRADES = 5;

    private Qwk() {}

    public static double compute(int[] truth, int[] pred) {
        return compute(truth, pred, null);
    }

    /** @param weights multiplicity per case, or null for 1 each */
    public static double compute(int[] truth, int[] pred, int[] weights) {
        double[][] o = new double[GRADES][GRADES];
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double w = weights == null ? 1 : weights[i];
            if (w == 0) {
                continue;
            }
            o[truth[i] - 1][pred[i] - 1] += w;
            total += w;
        }
        return fromMatrix(o, total);
    }

    /** Kappa of an observed confusion matrix (rows truth, columns prediction). */
    public static double fromMatrix(double[][] o, double total) {
        if (total == 0) {
            return Double.NaN;
        }
        double[] rows = new double[GRADES];
        double[] cols = new double[GRADES];
        for (int i = 0; i < GRADES; i++) {
            for (int j = 0; j < GRADES; j++) {
                rows[i] += o[i][j];
                cols[j] += o[i][j];
            }
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < GRADES; i++) {
            for (int j = 0; j < GRADES; j++) {
                double w = (i - j) * (i - j);
                observed += w * o[i][j];
                expected += w * rows[i] * cols[j] / total;
            }
        }
        return expected == 0 ? Double.NaN : 1 - observed / expected;
    }
}
