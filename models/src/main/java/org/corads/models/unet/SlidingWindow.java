package org.corads.models.unet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Sliding-window inference over the lungs' bounding box: cubic windows of side {@code window} overlapping by
 * {@code overlap} (0.25: a window every 3/4 side; the last window of each axis flush with the box end), each window's
 * class
 * probabilities weighted by a separable triangular profile (1 at the centre, ≥ 0.1 at the border) and blended by
 * weighted average, so that window seams do not show. Outside the lungs the probability is 0 and the label 0.
 * {@code net} maps a {@code 1 × w³} normalised patch (x fastest) to {@code 3 × w³} class probabilities.
 */
public final class SlidingWindow {
    public static final double DEFAULT_OVERLAP = 0.25;

    private final int window;
    private final double overlap;

    public SlidingWindow(int window) {
        this(window, DEFAULT_OVERLAP);
    }

    public SlidingWindow(int window, double overlap) {
        if (window < 4) {
            throw new IllegalArgumentException("window must be ≥ 4, got " + window);
        }
        if (overlap < 0 || overlap > 0.9) {
            throw new IllegalArgumentException("overlap must be in [0, 0.9], got " + overlap);
        }
        this.window = window;
        this.overlap = overlap;
    }

    public Segmentation run(Volume normalised, Volume lung, Function<float[], float[]> net) {
        Geometry g = normalised.geometry();
        int[] n = g.size();
        float[] ct = normalised.toFloats();
        float[] lm = lung.toFloats();
        int[] lo = {n[0], n[1], n[2]};
        int[] hi = {-1, -1, -1};
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++) {
                    if (lm[(z * n[1] + y) * n[0] + x] > 0) {
                        int[] p = {x, y, z};
                        for (int a = 0; a < 3; a++) {
                            lo[a] = Math.min(lo[a], p[a]);
                            hi[a] = Math.max(hi[a], p[a]);
                        }
                    }
                }
            }
        }
        long voxels = (long) n[0] * n[1] * n[2];
        float[][] acc = new float[3][(int) voxels];
        float[] wsum = new float[(int) voxels];
        float[] prof = profile();
        if (hi[0] >= 0) {
            for (int z0 : starts(lo[2], hi[2], n[2])) {
                for (int y0 : starts(lo[1], hi[1], n[1])) {
                    for (int x0 : starts(lo[0], hi[0], n[0])) {
                        float[] patch = new float[window * window * window];
                        for (int z = 0; z < window; z++) {
                            for (int y = 0; y < window; y++) {
                                for (int x = 0; x < window; x++) {
                                    int xs = x0 + x;
                                    int ys = y0 + y;
                                    int zs = z0 + z;
                                    boolean in = xs < n[0] && ys < n[1] && zs < n[2];
                                    patch[(z * window + y) * window + x] = in ? ct[(zs * n[1] + ys) * n[0] + xs] : 0;
                                }
                            }
                        }
                        float[] p = net.apply(patch);
                        int w3 = window * window * window;
                        for (int z = 0; z < window; z++) {
                            for (int y = 0; y < window; y++) {
                                for (int x = 0; x < window; x++) {
                                    int xs = x0 + x;
                                    int ys = y0 + y;
                                    int zs = z0 + z;
                                    if (xs >= n[0] || ys >= n[1] || zs >= n[2]) {
                                        continue;
                                    }
                                    int i = (z * window + y) * window + x;
                                    float w = prof[x] * prof[y] * prof[z];
                                    int o = (zs * n[1] + ys) * n[0] + xs;
                                    for (int c = 0; c < 3; c++) {
                                        acc[c][o] += w * p[c * w3 + i];
                                    }
                                    wsum[o] += w;
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] prob = new float[(int) voxels];
        byte[] labels = new byte[(int) voxels];
        long[] count = new long[3];
        for (int i = 0; i < voxels; i++) {
            if (lm[i] > 0 && wsum[i] > 0) {
                float p0 = acc[0][i] / wsum[i];
                float p1 = acc[1][i] / wsum[i];
                float p2 = acc[2][i] / wsum[i];
                prob[i] = p1 + p2;
                int label = p0 >= p1 && p0 >= p2 ? 0 : p1 >= p2 ? 1 : 2;
                labels[i] = (byte) label;
                count[label]++;
            }
        }
        double ml = g.spacingMm()[0] * g.spacingMm()[1] * g.spacingMm()[2] / 1000.0;
        return new Segmentation(Volume.adoptFloats(g, prob), Volume.adoptBytes(g, labels), count[1] * ml,
                count[2] * ml);
    }

    private float[] profile() {
        float[] p = new float[window];
        double c = (window - 1) / 2.0;
        for (int i = 0; i < window; i++) {
            p[i] = (float) Math.max(0.1, 1 - Math.abs(i - c) / (c + 1));
        }
        return p;
    }

    /** Window starts covering [lo, hi] every window·(1 − overlap), the last flush with hi (clamped to the volume). */
    int[] starts(int lo, int hi, int size) {
        int stride = Math.max(1, (int) Math.round(window * (1 - overlap)));
        List<Integer> s = new ArrayList<>();
        int last = Math.max(0, Math.min(hi + 1, size) - window);
        int start = Math.max(0, Math.min(lo, last));
        for (int v = start; v < last; v += stride) {
            s.add(v);
        }
        s.add(last);
        return s.stream().distinct().mapToInt(Integer::intValue).toArray();
    }
}
