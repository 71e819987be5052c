package org.corads.steps.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * ROC curve points: one per distinct score threshold, from (0, 0) to (1, 1), like scikit-learn's
 * {@code roc_curve(drop_intermediate=False)} with a leading (0, 0).
 *
 * @param fpr        false-positive rates
 * @param tpr        true-positive rates
 * @param thresholds score at or above which a case is called positive (+∞ for the first point)
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

    public static RocCurve of(double[] scores, boolean[] positive) {
        Integer[] idx = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long pos = IntStream.range(0, positive.length).filter(i -> positive[i]).count();
        long neg = positive.length - pos;
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[]{0, 0, Double.POSITIVE_INFINITY});
        long tp = 0;
        long fp = 0;
        int k = 0;
        while (k < idx.length) {
            double s = scores[idx[k]];
            while (k < idx.length && scores[idx[k]] == s) {
                if (positive[idx[k]]) {
                    tp++;
                } else {
                    fp++;
                }
                k++;
            }
            pts.add(new double[]{neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos, s});
        }
        return new RocCurve(pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
    }
}
