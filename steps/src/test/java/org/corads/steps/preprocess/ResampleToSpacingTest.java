package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trilinear interpolation reproduces linear functions exactly, so a ramp gives hand-computable values. */
class ResampleToSpacingTest {
    static final double[] ROT = {0, -1, 0, 1, 0, 0, 0, 0, 1};

    /** v = x + 10 y + 100 z at voxel (x, y, z). */
    static Volume ramp(double[] spacing, double[] direction) {
        Geometry g = new Geometry(new int[]{4, 4, 4}, spacing, new double[]{5, -7, 11}, direction);
        float[] v = new float[64];
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    v[g.index(x, y, z)] = x + 10 * y + 100 * z;
                }
            }
        }
        return Volume.adoptFloats(g, v);
    }

    @Test
    void isotropicRampGivesAnalyticValuesAndKeepsOriginAndDirection() {
        Volume out = ResampleToSpacing.PAPER.apply(ramp(new double[]{1, 1, 1}, ROT));
        Geometry g = out.geometry();
        assertThat(g.size()).containsExactly(3, 3, 3); // round(4 · 1 / 1.5) = 3
        assertThat(g.spacingMm()).containsExactly(1.5, 1.5, 1.5);
        assertThat(g.originMm()).containsExactly(5, -7, 11);
        assertThat(g.direction()).containsExactly(ROT);
        // output (1,1,1) sits at input index (1.5, 1.5, 1.5)
        assertThat(out.get(1, 1, 1)).isCloseTo(1.5 + 15 + 150, within(1e-4));
        assertThat(out.get(2, 0, 1)).isCloseTo(3 + 150, within(1e-4));
    }

    @Test
    void anisotropicInputAndEdgeClamping() {
        Volume out = ResampleToSpacing.PAPER.apply(ramp(new double[]{1.4, 2, 0.5}, Geometry.IDENTITY));
        Geometry g = out.geometry();
        // x: round(4·1.4/1.5) = 4; y: round(4·2/1.5) = 5; z: round(4·0.5/1.5) = 1
        assertThat(g.size()).containsExactly(4, 5, 1);
        // x index 1 ↔ input 1.5/1.4 = 1.0714…; y index 3 ↔ input 4.5/2 = 2.25
        assertThat(out.get(1, 3, 0)).isCloseTo(1.5 / 1.4 + 22.5, within(1e-4));
        // x index 3 ↔ input 4.5/1.4 = 3.21 > 3: clamped to the edge value x = 3; y index 4 ↔ 3.0
        assertThat(out.get(3, 4, 0)).isCloseTo(3 + 30, within(1e-4));
        // physical position of output voxel 1 along x equals that of input index 1.0714
        double[] p = g.indexToPhysical(1, 0, 0);
        assertThat(p[0]).isCloseTo(5 + 1.5, within(1e-12));
    }

    @Test
    void int16StaysInt16RoundedToTheNearestHu() {
        Geometry g = Geometry.of(2, 1, 1, 0.75, 1.5, 1.5);
        Volume out = ResampleToSpacing.PAPER.apply(Volume.ofShorts(g, new short[]{-1000, 0}));
        assertThat(out.geometry().size()).containsExactly(1, 1, 1);
        assertThat(out.get(0)).isEqualTo(-1000);
        Volume three = ResampleToSpacing.PAPER
                .apply(Volume.ofShorts(Geometry.of(4, 1, 1, 1, 1.5, 1.5), new short[]{0, 1, 2, 3}));
        assertThat(three.geometry().size()).containsExactly(3, 1, 1);
        assertThat(three.get(1)).isEqualTo(2); // 1.5 rounds up
    }

    /** Random HU on an anisotropic 23 × 19 × 11 grid (0.7 × 0.9 × 2.5 mm), INT16 or FLOAT32. */
    private static Volume randomScan(boolean int16, long seed) {
        Geometry g = new Geometry(new int[]{23, 19, 11}, new double[]{0.7, 0.9, 2.5}, new double[]{1, 2, 3},
                Geometry.IDENTITY);
        SplittableRandom r = new SplittableRandom(seed);
        int count = (int) g.voxelCount();
        if (int16) {
            short[] v = new short[count];
            for (int i = 0; i < count; i++) {
                v[i] = (short) r.nextInt(-1200, 1500);
            }
            return Volume.adoptShorts(g, v);
        }
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextDouble(-1200, 1500);
        }
        return Volume.adoptFloats(g, v);
    }

    /**
     * The compact window of chosen slices holds, in the slices' order (repeats included), the bits of the whole volume
     * resampled where the window lies on the grid, and the lower clip bound elsewhere — off the grid's edges and for
     * slices off it.
     */
    @ParameterizedTest
    @CsvSource({"true, 3, 2, 12", "false, 3, 2, 12", "true, -4, 9, 15", "false, -3, -5, 40", "true, 30, 0, 4"})
    void windowSlicesAreTheWholeVolumeCroppedAndSampled(boolean int16, int x0, int y0, int width) {
        Volume in = randomScan(int16, x0 * 17L + width);
        ResampleToSpacing resample = ResampleToSpacing.PAPER;
        Volume whole = resample.apply(in, -1000, 500);
        int[] m = whole.geometry().size();
        int[] zs = {3, 0, 3, m[2] - 1, m[2], -1, 1};
        float[] got = resample.windowSlices(in, -1000, 500, x0, y0, width, zs);
        assertThat(got).hasSize(width * width * zs.length);
        for (int k = 0; k < zs.length; k++) {
            for (int y = 0; y < width; y++) {
                for (int x = 0; x < width; x++) {
                    int gx = x0 + x;
                    int gy = y0 + y;
                    boolean on = gx >= 0 && gx < m[0] && gy >= 0 && gy < m[1] && zs[k] >= 0 && zs[k] < m[2];
                    float expected = on ? (float) whole.get(gx, gy, zs[k]) : -1000f;
                    assertThat(Float.floatToIntBits(got[(k * width + y) * width + x]))
                            .as("slice %d (source %d), voxel %d %d", k, zs[k], x, y)
                            .isEqualTo(Float.floatToIntBits(expected));
                }
            }
        }
    }
}
