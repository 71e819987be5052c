package org.corads.steps.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Area under the ROC curve as the Mann–Whitney statistic, ties counted one half — the same number as the
 * trapezoidal area under scikit-learn's {@code roc_curve}. Cases are sorted once (O(n log n)); a weighted
 * evaluation for bootstrap resamples is then O(n). NaN when either class is empty.
 */
public final class Auc {
    private final double[] sortedScores;
    private final boolean[] sortedPositive;
    private final int[] order;

    /** Prepares the cases: scores and whether each is a positive. */
    public Auc(double[] scores, boolean[] positive) {
        Integer[] idx = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble(i -> scores[i]));
        order = new int[scores.length];
        sortedScores = new double[scores.length];
        sortedPositive = new boolean[scores.length];
        for (int k = 0; k < idx.length; k++) {
            order[k] = idx[k];
            sortedScores[k] = scores[idx[k]];
            sortedPositive[k] = positive[idx[k]];
        }
    }

    public static double compute(double[] scores, boolean[] positive) {
        return new Auc(scores, positive).value(null);
    }

    /** AUC with a multiplicity per case (indexed as given to the constructor), or null for 1 each. */
    public double value(int[] weights) {
        double negBelow = 0;
        double pairs = 0;
        double totalPos = 0;
        int k = 0;
        int n = sortedScores.length;
        while (k < n) {
            int end = k;
            double pos = 0;
            double neg = 0;
            while (end < n && sortedScores[end] == sortedScores[k]) {
                double w = weights == null ? 1 : weights[order[end]];
                if (sortedPositive[end]) {
                    pos += w;
                } else {
                    neg += w;
                }
                end++;
            }
            pairs += pos * (negBelow + 0.5 * neg);
            negBelow += neg;
            totalPos += pos;
            k = end;
        }
        double totalNeg = negBelow;
        return totalPos == 0 || totalNeg == 0 ? Double.NaN : pairs / (totalPos * totalNeg);
    }
}
