package org.corads.steps.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeometryTest {
    /** Axis x points along +y, axis y along −x, axis z along +z (90° about z). */
    static final double[] ROT90 = {0, -1, 0, 1, 0, 0, 0, 0, 1};

    @Test
    void indexToPhysicalFollowsDirectionColumnsAndSpacing() {
        Geometry g = new Geometry(new int[]{4, 5, 6}, new double[]{0.5, 2, 3}, new double[]{10, 20, 30}, ROT90);
        // index (1,0,0): one x step of 0.5 mm along column 0 = (0,1,0)
        assertThat(g.indexToPhysical(1, 0, 0)).containsExactly(10, 20.5, 30);
        // index (0,1,0): one y step of 2 mm along column 1 = (-1,0,0)
        assertThat(g.indexToPhysical(0, 1, 0)).containsExactly(8, 20, 30);
        assertThat(g.indexToPhysical(0, 0, 2)).containsExactly(10, 20, 36);
    }

    @Test
    void physicalToIndexInvertsIndexToPhysical() {
        Geometry g = new Geometry(new int[]{4, 5, 6}, new double[]{0.5, 2, 3}, new double[]{10, 20, 30}, ROT90);
        double[] idx = g.physicalToIndex(g.indexToPhysical(1.25, 3.5, 4));
        assertThat(idx[0]).isCloseTo(1.25, within(1e-12));
        assertThat(idx[1]).isCloseTo(3.5, within(1e-12));
        assertThat(idx[2]).isCloseTo(4, within(1e-12));
    }

    @Test
    void rejectsInvalidGeometry() {
        assertThatThrownBy(() -> Geometry.of(0, 1, 1, 1, 1, 1)).hasMessageContaining("size");
        assertThatThrownBy(() -> Geometry.of(1, 1, 1, -1, 1, 1)).hasMessageContaining("spacing");
        assertThatThrownBy(() -> new Geometry(new int[]{1, 1, 1}, new double[]{1, 1, 1}, new double[3],
                new double[]{1, 1, 0, 0, 1, 0, 0, 0, 1})).hasMessageContaining("orthonormal");
        assertThatThrownBy(() -> new Geometry(new int[]{1, 1, 1}, new double[]{1, 1, Double.NaN}, new double[3],
                Geometry.IDENTITY)).hasMessageContaining("finite");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] spacing = {1, 2, 3};
        Geometry g = new Geometry(new int[]{2, 2, 2}, spacing, new double[3], Geometry.IDENTITY);
        spacing[0] = 99;
        g.spacingMm()[1] = 99;
        assertThat(g.spacingMm()).containsExactly(1, 2, 3);
    }

    @Test
    void volumeChecksBufferLengthAndReadsUnsignedBytes() {
        Geometry g = Geometry.of(2, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> Volume.ofShorts(g, new short[3])).hasMessageContaining("3 values");
        Volume v = Volume.ofBytes(g, new byte[]{(byte) 200, 1});
        assertThat(v.get(0)).isEqualTo(200);
        assertThat(v.get(1, 0, 0)).isEqualTo(1);
    }
}
