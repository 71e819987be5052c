package org.corads.steps.preprocess;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VolumeTransform;
import org.corads.steps.volume.VoxelType;

/**
 * SPEC §2.2: trilinear resampling to an isotropic spacing in ITK's physical-space convention. Origin and
 * direction are kept; output size per axis is {@code round(n_in · spacing_in / spacingMm)}; output voxel
 * {@code i} sits at continuous input index {@code i · spacingMm / spacing_in}, and positions beyond the last
 * input voxel take the edge value (clamp). Trilinear interpolation is computed as three separable linear
 * passes (x, then y, then z), which is the same function, run slab-parallel. INT16 input gives INT16 output
 * rounded to the nearest HU (halves up); FLOAT32 stays FLOAT32; UINT8 is refused (masks are
 * resampled with nearest neighbour elsewhere). {@link #apply(Volume, double, double)} clips the source to an HU
 * window before interpolating — SPEC §2.1 before §2.2, the order of the model input — in the same single pass.
 *
 * @param spacingMm target spacing on every axis (1.5 mm in the paper)
 */
public record ResampleToSpacing(double spacingMm) implements VolumeTransform {

    public static final ResampleToSpacing PAPER = new ResampleToSpacing(1.5);

    /** Source slices per task of the x and y passes. */
    private static final int SLICES_PER_TASK = 4;

    public ResampleToSpacing {
        if (!(spacingMm > 0) || !Double.isFinite(spacingMm)) {
            throw new IllegalArgumentException("target spacing must be > 0 mm, got " + spacingMm);
        }
    }

    /** Output size along one axis. */
    public static int outputSize(int n, double spacingIn, double spacingOut) {
        return Math.max(1, (int) Math.round(n * spacingIn / spacingOut));
    }

    private static void requireIntensities(Volume in) {
        if (in.type() == VoxelType.UINT8) {
            throw new IllegalArgumentException("trilinear resampling of a UINT8 mask is not meaningful");
        }
    }

    /** The grid {@link #apply} resamples {@code g} onto. */
    public Geometry outputGeometry(Geometry g) {
        int[] m = new int[3];
        for (int a = 0; a < 3; a++) {
            m[a] = outputSize(g.size()[a], g.spacing(a), spacingMm);
        }
        return g.withSizeAndSpacing(m, new double[]{spacingMm, spacingMm, spacingMm});
    }

    @Override
    public Volume apply(Volume in) {
        return apply(in, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Resamples {@code in} clipped to [{@code clipLo}, {@code clipHi}]: the clipped volume resampled. */
    public Volume apply(Volume in, double clipLo, double clipHi) {
        requireIntensities(in);
        Geometry g = in.geometry();
        int[] n = g.size();
        Geometry out = outputGeometry(g);
        int[] m = out.size();
        float[] ay = alongXy(in, n, m[0], m[1], g.spacing(0), g.spacing(1), (float) clipLo, (float) clipHi);
        int plane = m[0] * m[1];
        Taps t = Taps.of(n[2], m[2], g.spacing(2), spacingMm);
        if (in.type() == VoxelType.INT16) {
            short[] s = new short[plane * m[2]];
            IntStream.range(0, m[2]).parallel().forEach(k -> {
                int a0 = t.lo[k] * plane;
                int b0 = t.hi(k, n[2]) * plane;
                float w = t.w[k];
                for (int i = 0; i < plane; i++) {
                    float a = ay[a0 + i];
                    s[k * plane + i] = (short) Math.round(a + w * (ay[b0 + i] - a));
                }
            });
            return Volume.adoptShorts(out, s);
        }
        return Volume.adoptFloats(out, alongZ(ay, new int[]{m[0], m[1], n[2]}, m[2], g.spacing(2)));
    }

    /**
     * The values of {@link #apply(Volume, double, double)} on a square window of chosen output slices — columns
     * {@code [x0, x0 + width)} and rows {@code [y0, y0 + width)} of each slice in {@code zs}, in that order (repeats
     * allowed) — as {@code width × width × zs.length} floats, {@code clipLo} where the window or a slice lies off the
     * grid; INT16 input gives the rounded HU that {@code apply} stores. A crop of sampled slices of the clipped,
     * resampled volume, without the volume.
     */
    public float[] windowSlices(Volume in, double clipLo, double clipHi, int x0, int y0, int width, int[] zs) {
        requireIntensities(in);
        Geometry g = in.geometry();
        int[] n = g.size();
        int[] m = outputGeometry(g).size();
        Taps tx = Taps.of(n[0], m[0], g.spacing(0), spacingMm);
        Taps ty = Taps.of(n[1], m[1], g.spacing(1), spacingMm);
        Taps tz = Taps.of(n[2], m[2], g.spacing(2), spacingMm);
        float lo = (float) clipLo;
        float hi = (float) clipHi;
        boolean shorts = in.type() == VoxelType.INT16;
        float[] out = new float[width * width * zs.length];
        Arrays.fill(out, lo);
        Window win = new Window(Math.max(0, x0), Math.min(m[0], x0 + width), Math.max(0, y0),
                Math.min(m[1], y0 + width));
        int[] ks = IntStream.of(zs).filter(k -> k >= 0 && k < m[2]).distinct().toArray();
        if (win.width() <= 0 || win.height() <= 0 || ks.length == 0) {
            return out;
        }
        float[][] slices = sourceWindows(in, n, tx, ty, tz, win, ks, lo, hi);
        IntStream.range(0, zs.length).filter(k -> zs[k] >= 0 && zs[k] < m[2]).parallel().forEach(k -> {
            float[] a = slices[tz.lo[zs[k]]];
            float[] b = slices[tz.hi(zs[k], n[2])];
            float w = tz.w[zs[k]];
            for (int y = 0; y < win.height(); y++) {
                int o = (k * width + win.ya() - y0 + y) * width + win.xa() - x0;
                int p = y * win.width();
                for (int x = 0; x < win.width(); x++) {
                    float v = a[p + x] + w * (b[p + x] - a[p + x]);
                    out[o + x] = shorts ? (short) Math.round(v) : v;
                }
            }
        });
        return out;
    }

    /** {@link #windowOf} for every source slice that the output slices {@code ks} interpolate between. */
    private static float[][] sourceWindows(Volume in, int[] n, Taps tx, Taps ty, Taps tz, Window win, int[] ks,
            float lo, float hi) {
        float[][] slices = new float[n[2]][];
        IntStream.of(ks).flatMap(k -> IntStream.of(tz.lo[k], tz.hi(k, n[2]))).distinct().parallel()
                .forEach(z -> slices[z] = windowOf(in, n, tx, ty, win, z, lo, hi));
        return slices;
    }

    /** Output columns {@code [xa, xb)} and rows {@code [ya, yb)}, within the grid. */
    private record Window(int xa, int xb, int ya, int yb) {
        int width() {
            return xb - xa;
        }

        int height() {
            return yb - ya;
        }
    }

    /**
     * The x then y passes of source slice {@code z} on the window, row by row ({@code width × height} values): each
     * source row the window's rows interpolate between is clipped and resampled along x once.
     */
    private static float[] windowOf(Volume in, int[] n, Taps tx, Taps ty, Window win, int z, float lo, float hi) {
        int r0 = ty.lo[win.ya()];
        int r1 = ty.hi(win.yb() - 1, n[1]);
        float[][] rows = new float[r1 - r0 + 1][];
        float[] src = new float[n[0]];
        for (int r = r0; r <= r1; r++) {
            in.copyAsFloats((z * n[1] + r) * n[0], src, 0, n[0]);
            float[] row = new float[win.width()];
            for (int x = 0; x < row.length; x++) {
                float a = clip(src[tx.lo[win.xa() + x]], lo, hi);
                float b = clip(src[tx.hi(win.xa() + x, n[0])], lo, hi);
                row[x] = a + tx.w[win.xa() + x] * (b - a);
            }
            rows[r - r0] = row;
        }
        float[] out = new float[win.width() * win.height()];
        for (int y = 0; y < win.height(); y++) {
            float[] a = rows[ty.lo[win.ya() + y] - r0];
            float[] b = rows[ty.hi(win.ya() + y, n[1]) - r0];
            float w = ty.w[win.ya() + y];
            for (int x = 0; x < a.length; x++) {
                out[y * a.length + x] = a[x] + w * (b[x] - a[x]);
            }
        }
        return out;
    }

    private static float clip(float v, float lo, float hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /** Interpolation table for one axis: lower index and weight of the upper neighbour per output index. */
    private record Taps(int[] lo, float[] w) {
        static Taps of(int nIn, int nOut, double spacingIn, double spacingOut) {
            int[] lo = new int[nOut];
            float[] w = new float[nOut];
            for (int i = 0; i < nOut; i++) {
                double x = i * spacingOut / spacingIn;
                if (x >= nIn - 1) {
                    lo[i] = nIn - 1;
                    w[i] = 0;
                } else {
                    int f = (int) Math.floor(x);
                    lo[i] = f;
                    w[i] = (float) (x - f);
                }
            }
            return new Taps(lo, w);
        }

        int hi(int i, int nIn) {
            return Math.min(lo[i] + 1, nIn - 1);
        }
    }

    /**
     * The x and y passes, a source slice at a time: each slice is clipped and resampled along x into a buffer its
     * task reuses, then along y into the result (the x pass of the whole volume is never held).
     */
    private float[] alongXy(Volume in, int[] n, int mx, int my, double sx, double sy, float lo, float hi) {
        Taps tx = Taps.of(n[0], mx, sx, spacingMm);
        Taps ty = Taps.of(n[1], my, sy, spacingMm);
        float[] out = new float[mx * my * n[2]];
        IntStream.range(0, (n[2] + SLICES_PER_TASK - 1) / SLICES_PER_TASK).parallel().forEach(task -> {
            float[] src = new float[n[0]];
            float[] ax = new float[mx * n[1]];
            for (int z = task * SLICES_PER_TASK; z < Math.min(n[2], (task + 1) * SLICES_PER_TASK); z++) {
                for (int y = 0; y < n[1]; y++) {
                    in.copyAsFloats((z * n[1] + y) * n[0], src, 0, n[0]);
                    for (int x = 0; x < n[0]; x++) {
                        src[x] = clip(src[x], lo, hi);
                    }
                    for (int i = 0; i < mx; i++) {
                        float a = src[tx.lo[i]];
                        float b = src[tx.hi(i, n[0])];
                        ax[y * mx + i] = a + tx.w[i] * (b - a);
                    }
                }
                for (int j = 0; j < my; j++) {
                    int a0 = ty.lo[j] * mx;
                    int b0 = ty.hi(j, n[1]) * mx;
                    int o = (z * my + j) * mx;
                    float w = ty.w[j];
                    for (int x = 0; x < mx; x++) {
                        float a = ax[a0 + x];
                        out[o + x] = a + w * (ax[b0 + x] - a);
                    }
                }
            }
        });
        return out;
    }

    private float[] alongZ(float[] src, int[] n, int mz, double sIn) {
        Taps t = Taps.of(n[2], mz, sIn, spacingMm);
        int plane = n[0] * n[1];
        float[] out = new float[plane * mz];
        IntStream.range(0, mz).parallel().forEach(k -> {
            int a0 = t.lo[k] * plane;
            int b0 = t.hi(k, n[2]) * plane;
            int o = k * plane;
            float w = t.w[k];
            for (int i = 0; i < plane; i++) {
                float a = src[a0 + i];
                out[o + i] = a + w * (src[b0 + i] - a);
            }
        });
        return out;
    }
}
