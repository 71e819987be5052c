package org.corads.models.train;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded augmentation of one {@code C × D × H × W} input (SPEC §5), applied identically to every channel:
 * in the axial plane zoom ×[0.9, 1.1], rotation ±10°, shear ±0.05 and an elastic displacement (a smooth
 * random field, at most 2 pixels); translation ±8 % of H and W and ±2 slices; additive Gaussian noise σ 0.02
 * on channel 0. Pixels mapped from outside the input take 0 (air after normalisation). Bilinear sampling.
 */
public final class Augmentation {

    private Augmentation() {}

    public static float[] apply(float[] in, int c, int d, int h, int w, SplittableRandom r) {
        float[] out = new float[in.length];
        applyInto(in, c, d, h, w, r, out, 0);
        return out;
    }

    /**
     * {@link #apply} written into {@code dst} from {@code at} on ({@code in.length} values, which must be 0 there: a
     * batch array just allocated), so that a batch is filled without a copy per case.
     */
    public static void applyInto(float[] in, int c, int d, int h, int w, SplittableRandom r, float[] dst, int at) {
        double zoom = 0.9 + 0.2 * r.nextDouble();
        double angle = Math.toRadians(-10 + 20 * r.nextDouble());
        double shear = -0.05 + 0.1 * r.nextDouble();
        double tx = (-0.08 + 0.16 * r.nextDouble()) * w;
        double ty = (-0.08 + 0.16 * r.nextDouble()) * h;
        int tz = r.nextInt(5) - 2;
        double ex = 2 * (r.nextDouble() - 0.5);
        double ey = 2 * (r.nextDouble() - 0.5);
        double phase = r.nextDouble() * 2 * Math.PI;
        double cos = Math.cos(angle) / zoom;
        double sin = Math.sin(angle) / zoom;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        // where each output pixel samples the input: the same for every slice and channel, so computed once
        int hw = h * w;
        int[] from = new int[hw];
        double[] fxs = new double[hw];
        double[] fys = new double[hw];
        double[] waveX = new double[w];
        double[] waveY = new double[h];
        for (int x = 0; x < w; x++) {
            waveX[x] = Math.sin(2 * Math.PI * x / w + phase);
        }
        for (int y = 0; y < h; y++) {
            waveY[y] = Math.sin(2 * Math.PI * y / h + phase);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x - cx - tx;
                double v = y - cy - ty;
                double sx = cos * u + sin * v + shear * v + cx + ex * waveY[y];
                double sy = -sin * u + cos * v + cy + ey * waveX[x];
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                int p = y * w + x;
                from[p] = x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h ? -1 : y0 * w + x0;
                fxs[p] = sx - x0;
                fys[p] = sy - y0;
            }
        }
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < d; z++) {
                int zs = z - tz;
                if (zs < 0 || zs >= d) {
                    continue;
                }
                int srcBase = (ch * d + zs) * hw;
                int dstBase = (ch * d + z) * hw;
                for (int p = 0; p < hw; p++) {
                    dst[at + dstBase + p] = from[p] < 0 ? 0 : bilinear(in, srcBase + from[p], w, fxs[p], fys[p]);
                }
            }
        }
        addNoise(d * h * w, r, dst, at);
    }

    /** Voxels whose noise is drawn, then shaped on all cores, at a time. */
    static final int NOISE_CHUNK = 1 << 16;

    /**
     * Gaussian noise σ 0.02 on channel 0 (Box–Muller, two uniforms a voxel): the uniforms are drawn in voxel order
     * from the one generator, so its sequence and every value are what drawing voxel by voxel gives, and the
     * logarithms and cosines, most of a batch's preparation, are computed on all cores.
     */
    private static void addNoise(int voxels, SplittableRandom r, float[] dst, int at) {
        double[] u = new double[2 * Math.min(voxels, NOISE_CHUNK)];
        for (int start = 0; start < voxels; start += NOISE_CHUNK) {
            int n = Math.min(NOISE_CHUNK, voxels - start);
            for (int k = 0; k < 2 * n; k++) {
                u[k] = r.nextDouble();
            }
            int base = at + start;
            IntStream.range(0, n).parallel()
                    .forEach(k -> dst[base + k] += (float) (gaussian(u[2 * k], u[2 * k + 1]) * 0.02));
        }
    }

    /** Bilinear sample at {@code a[i] + (fx, fy)} in a row-major plane of width {@code w}. */
    private static float bilinear(float[] a, int i, int w, double fx, double fy) {
        double top = a[i] + fx * (a[i + 1] - a[i]);
        double bottom = a[i + w] + fx * (a[i + w + 1] - a[i + w]);
        return (float) (top + fy * (bottom - top));
    }

    private static double gaussian(double u1, double u2) {
        return Math.sqrt(-2 * Math.log(Math.max(1e-12, u1))) * Math.cos(2 * Math.PI * u2);
    }
}
