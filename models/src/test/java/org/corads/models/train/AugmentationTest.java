package org.corads.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The augmentation computes where each pixel samples once per plane, not once per voxel: the same floats as the
 * definition below (each voxel's source position computed where it is used), for any shape and seed.
 */
class AugmentationTest {

    @ParameterizedTest
    @CsvSource({"2, 5, 17, 23", "1, 8, 32, 32", "2, 3, 30, 30", "2, 4, 2, 3", "2, 20, 64, 64"})
    void theSameValuesAsComputingEveryVoxelsSourcePosition(int c, int d, int h, int w) {
        SplittableRandom data = new SplittableRandom(c * 1000L + d * 100L + h);
        float[] in = new float[c * d * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) data.nextDouble();
        }
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom a = new SplittableRandom(seed);
            SplittableRandom b = new SplittableRandom(seed);
            // two cases from one generator, as a batch draws them: the second sees the generator the first left
            for (int k = 0; k < 2; k++) {
                float[] fast = Augmentation.apply(in, c, d, h, w, a);
                float[] ref = Definition.apply(in, c, d, h, w, b);
                assertThat(fast).as("seed " + seed + ", case " + k).isEqualTo(ref);
            }
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    /** The augmentation as first written: every voxel's source position computed in the voxel loop. */
    private static final class Definition {
        static float[] apply(float[] in, int c, int d, int h, int w, SplittableRandom r) {
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
}
