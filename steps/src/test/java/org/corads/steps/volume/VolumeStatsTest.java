package org.corads.steps.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statistics are those of their definitions, computed plainly on a copy of the voxels. */
class VolumeStatsTest {

    /**
     * INT16 volumes from one slab (fewer than 2<sup>20</sup> voxels) to several, with the extremes of the type: min,
     * max, mean and the exact 1st percentile (the ⌈n / 100⌉-th smallest value).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 997, 1 << 20, 3_500_011})
    void int16StatisticsAreExact(int n) {
        SplittableRandom r = new SplittableRandom(n);
        short[] v = new short[n];
        for (int i = 0; i < n; i++) {
            v[i] = (short) (r.nextInt(20) == 0 ? r.nextInt(-32768, 32768) : r.nextInt(-1100, 1200));
        }
        v[n / 2] = n > 1 ? Short.MAX_VALUE : v[n / 2];
        VolumeStats s = VolumeStats.of(Volume.ofShorts(Geometry.of(n, 1, 1, 1, 1, 1), v));
        short[] sorted = v.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (short x : v) {
            sum += x;
        }
        assertThat(s.min()).isEqualTo(sorted[0]);
        assertThat(s.max()).isEqualTo(sorted[n - 1]);
        assertThat(s.mean()).isCloseTo(sum / n, within(1e-9));
        assertThat(s.nonFinite()).isZero();
        assertThat(s.percentile01()).isEqualTo(sorted[(int) Math.ceil(0.01 * n) - 1]);
    }

    @Test
    void float32CountsNonFiniteVoxelsAndLeavesThemOut() {
        float[] v = {1, Float.NaN, -3, Float.POSITIVE_INFINITY, 5};
        VolumeStats s = VolumeStats.of(Volume.ofFloats(Geometry.of(5, 1, 1, 1, 1, 1), v));
        assertThat(s.min()).isEqualTo(-3);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.mean()).isEqualTo(1);
        assertThat(s.nonFinite()).isEqualTo(2);
    }
}
