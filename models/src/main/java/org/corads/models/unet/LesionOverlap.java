package org.corads.models.unet;

/**
 * Voxel overlap of predicted and true lesion labels (0 background, 1 GGO, 2 consolidation), counted for any lesion
 * (GGO and consolidation combined), GGO and consolidation: the Dice that validation and the held-out benchmarks
 * report.
 */
public final class LesionOverlap {
    private final long[] inter = new long[3];
    private final long[] sum = new long[3];

    /** Counts one voxel. */
    public void add(int predicted, int truth) {
        for (int c = 0; c < 3; c++) {
            boolean p = c == 0 ? predicted > 0 : predicted == c;
            boolean t = c == 0 ? truth > 0 : truth == c;
            inter[c] += p && t ? 1 : 0;
            sum[c] += (p ? 1 : 0) + (t ? 1 : 0);
        }
    }

    /** Dice of any lesion, GGO and consolidation; 1 for a class that neither labelling marks. */
    public double[] dice() {
        double[] d = new double[3];
        for (int c = 0; c < 3; c++) {
            d[c] = sum[c] == 0 ? 1 : 2.0 * inter[c] / sum[c];
        }
        return d;
    }
}
