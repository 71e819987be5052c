package org.corads.models.train;

import java.util.SplittableRandom;

/**
 * Seeded augmentation of one {@code C × D × H × W} input (SPEC §5), applied identically to every channel:
 * in the axial plane zoom ×[0.9, 1.1], rotation ±10°, shear ±0.05 and an elastic displacement (a smooth
 * random field, at most 2 pixels); translation ±8 % of H and W and ±2 slices; additive Gaussian noise σ 0.02
 * on channel 0. Pixels mapped from outside the input take 0 (air after normalisation). Bilinear sampling.
 */
public final class Augmentation {

    private Augmentation() {}

    public static float[] apply(float[] in, int c, int d, int h, int w, SplittableRandom r) {
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
        float[] out = new float[in.length];
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < d; z++) {
                int zs = z - tz;
                if (zs < 0 || zs >= d) {
                    continue;
                }
                int srcBase = (ch * d + zs) * h * w;
                int dstBase = (ch * d + z) * h * w;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double u = x - cx - tx;
                        double v = y - cy - ty;
                        double sx = cos * u + sin * v + shear * v + cx + ex * Math.sin(2 * Math.PI * y / h + phase);
                        double sy = -sin * u + cos * v + cy + ey * Math.sin(2 * Math.PI * x / w + phase);
                        out[dstBase + y * w + x] = bilinear(in, srcBase, w, h, sx, sy);
                    }
                }
            }
        }
        int plane = d * h * w;
        for (int i = 0; i < plane; i++) {
            out[i] += (float) (gaussian(r) * 0.02);
        }
        return out;
    }

    private static float bilinear(float[] a, int base, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
            return 0;
        }
        double fx = x - x0;
        double fy = y - y0;
        int i = base + y0 * w + x0;
        double top = a[i] + fx * (a[i + 1] - a[i]);
        double bottom = a[i + w] + fx * (a[i + w + 1] - a[i + w]);
        return (float) (top + fy * (bottom - top));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(Math.max(1e-12, r.nextDouble()))) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
