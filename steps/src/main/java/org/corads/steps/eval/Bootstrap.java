package org.corads.steps.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Non-parametric, patient-clustered, paired bootstrap (SPEC §6): each iteration draws as many patients as
 * there are, with replacement, and takes all scans of each drawn patient; every model is measured on the
 * same resample. Resamples on which a metric is undefined (one class only for AUC, no expected disagreement
 * for QWK) are counted and left out of that metric's distribution.
 *
 * @param iterations resamples drawn (1000)
 * @param seed       random seed, recorded in the results
 */
public record Bootstrap(int iterations, long seed) {

    public static final Bootstrap PAPER = new Bootstrap(1000, 20200101L);

    /**
     * Per model and iteration: AUC and QWK (NaN when undefined).
     *
     * @param auc [model][iteration]
     * @param qwk [model][iteration]
     */
    public record Samples(double[][] auc, double[][] qwk) {

        public long degenerate(double[] values) {
            return Arrays.stream(values).filter(Double::isNaN).count();
        }
    }

    public Samples run(EvalData d) {
        Metrics metrics = new Metrics(d);
        int models = d.models().size();
        double[][] auc = new double[models][iterations];
        double[][] qwk = new double[models][iterations];
        int[][] scansOf = scansOfPatient(d);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] draws = new int[d.patients()];
        int[] weights = new int[d.scans()];
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(draws, 0);
            for (int k = 0; k < d.patients(); k++) {
                draws[rnd.nextInt(d.patients())]++;
            }
            for (int p = 0; p < d.patients(); p++) {
                for (int s : scansOf[p]) {
                    weights[s] = draws[p];
                }
            }
            for (int m = 0; m < models; m++) {
                auc[m][it] = metrics.auc(m, weights);
                qwk[m][it] = metrics.qwk(m, weights);
            }
        }
        return new Samples(auc, qwk);
    }

    private static int[][] scansOfPatient(EvalData d) {
        int[] count = new int[d.patients()];
        for (int p : d.patient()) {
            count[p]++;
        }
        int[][] out = new int[d.patients()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = new int[count[p]];
        }
        int[] fill = new int[d.patients()];
        for (int s = 0; s < d.scans(); s++) {
            int p = d.patient()[s];
            out[p][fill[p]++] = s;
        }
        return out;
    }

    /**
     * Percentile interval (linear interpolation between order statistics, as numpy's default) of the defined values.
     */
    public static double[] percentileInterval(double[] values, double level) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double a = (1 - level) / 2;
        return new double[]{quantile(v, a), quantile(v, 1 - a)};
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Two-sided paired p-value for a − b: {@code 2 · min(P(Δ ≤ 0), P(Δ ≥ 0))} over resamples where both are
     * defined, capped at 1.
     */
    public static double pairedP(double[] a, double[] b) {
        long n = 0;
        long le = 0;
        long ge = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                continue;
            }
            n++;
            double delta = a[i] - b[i];
            if (delta <= 0) {
                le++;
            }
            if (delta >= 0) {
                ge++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return Math.min(1.0, 2.0 * Math.min(le, ge) / n);
    }
}
