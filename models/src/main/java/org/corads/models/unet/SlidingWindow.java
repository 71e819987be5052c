package org.corads.models.unet;

import java.util.ArrayList;
import java.util.List;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Sliding-window inference over the lungs' bounding box: windows of side {@code window} overlapping by
 * {@code overlap} (0.25: a window every 3/4 side; the last window of each axis flush with the box end), each window's
 * class probabilities weighted by a separable triangular profile (1 at the centre, ≥ 0.1 at the border) and blended by
 * weighted average, so that window seams do not show. Outside the lungs the probability is 0 and the label 0.
 *
 * <p>Windows are cubic and fixed for a network that needs one shape ({@link #SlidingWindow(int, double)}); for a fully
 * convolutional one ({@link #fitted}) each axis takes the fewest windows of at most {@code window} that cover the box,
 * each shrunk to the smallest multiple of the network's size step that still covers it — a box smaller than the window
 * is one window of its own size instead of a cube padded with air.
 */
public final class SlidingWindow {
    public static final double DEFAULT_OVERLAP = 0.25;

    /** The network: {@code 3 × sx·sy·sz} class probabilities (channel first, x fastest) of one normalised patch. */
    @FunctionalInterface
    public interface Net {
        float[] apply(float[] patch, int[] size);
    }

    private final int window;
    private final double overlap;
    private final int multiple;

    /** Fixed cubic windows of side {@code window}. */
    public SlidingWindow(int window, double overlap) {
        this(window, overlap, 0);
    }

    private SlidingWindow(int window, double overlap, int multiple) {
        if (window < 4) {
            throw new IllegalArgumentException("window must be ≥ 4, got " + window);
        }
        if (overlap < 0 || overlap > 0.9) {
            throw new IllegalArgumentException("overlap must be in [0, 0.9], got " + overlap);
        }
        if (multiple < 0 || multiple > 0 && window % multiple != 0) {
            throw new IllegalArgumentException("window " + window + " must be a multiple of " + multiple);
        }
        this.window = window;
        this.overlap = overlap;
        this.multiple = multiple;
    }

    /** Windows of at most {@code window} per axis, fitted to the lungs' box in steps of {@code multiple} voxels. */
    public static SlidingWindow fitted(int window, double overlap, int multiple) {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be ≥ 1, got " + multiple);
        }
        return new SlidingWindow(window, overlap, multiple);
    }

    public Segmentation run(Volume normalised, Volume lung, Net net) {
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
        if (hi[0] >= 0) {
            int[] s = new int[3];
            for (int a = 0; a < 3; a++) {
                s[a] = side(hi[a] - lo[a] + 1);
            }
            float[][] prof = {profile(s[0]), profile(s[1]), profile(s[2])};
            int sv = s[0] * s[1] * s[2];
            for (int z0 : starts(lo[2], hi[2], n[2], s[2])) {
                for (int y0 : starts(lo[1], hi[1], n[1], s[1])) {
                    for (int x0 : starts(lo[0], hi[0], n[0], s[0])) {
                        float[] patch = new float[sv];
                        for (int z = 0; z < s[2]; z++) {
                            for (int y = 0; y < s[1]; y++) {
                                for (int x = 0; x < s[0]; x++) {
                                    int xs = x0 + x;
                                    int ys = y0 + y;
                                    int zs = z0 + z;
                                    boolean in = xs < n[0] && ys < n[1] && zs < n[2];
                                    patch[(z * s[1] + y) * s[0] + x] = in ? ct[(zs * n[1] + ys) * n[0] + xs] : 0;
                                }
                            }
                        }
                        float[] p = net.apply(patch, s.clone());
                        for (int z = 0; z < s[2]; z++) {
                            for (int y = 0; y < s[1]; y++) {
                                for (int x = 0; x < s[0]; x++) {
                                    int xs = x0 + x;
                                    int ys = y0 + y;
                                    int zs = z0 + z;
                                    if (xs >= n[0] || ys >= n[1] || zs >= n[2]) {
                                        continue;
                                    }
                                    int i = (z * s[1] + y) * s[0] + x;
                                    float w = prof[0][x] * prof[1][y] * prof[2][z];
                                    int o = (zs * n[1] + ys) * n[0] + xs;
                                    for (int c = 0; c < 3; c++) {
                                        acc[c][o] += w * p[c * sv + i];
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

    /**
     * The window side along an axis where the box spans {@code extent} voxels: {@code window} for fixed windows;
     * fitted, as many windows as {@code window} would need, each the smallest multiple that still covers the box.
     */
    int side(int extent) {
        if (multiple == 0) {
            return window;
        }
        int stride = Math.max(1, (int) Math.round(window * (1 - overlap)));
        int count = extent <= window ? 1 : 1 + (extent - window + stride - 1) / stride;
        double need = extent / (1 + (count - 1) * (1 - overlap));
        int fit = (int) Math.ceil(need / multiple - 1e-9) * multiple;
        return Math.max(multiple, Math.min(window, fit));
    }

    private static float[] profile(int side) {
        float[] p = new float[side];
        double c = (side - 1) / 2.0;
        for (int i = 0; i < side; i++) {
            p[i] = (float) Math.max(0.1, 1 - Math.abs(i - c) / (c + 1));
        }
        return p;
    }

    /** Window starts covering [lo, hi] every side·(1 − overlap), the last flush with hi (clamped to the volume). */
    int[] starts(int lo, int hi, int size, int side) {
        int stride = Math.max(1, (int) Math.round(side * (1 - overlap)));
        List<Integer> s = new ArrayList<>();
        int last = Math.max(0, Math.min(hi + 1, size) - side);
        int start = Math.max(0, Math.min(lo, last));
        for (int v = start; v < last; v += stride) {
            s.add(v);
        }
        s.add(last);
        return s.stream().distinct().mapToInt(Integer::intValue).toArray();
    }
}
