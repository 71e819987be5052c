package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.Assertions;
import org.corads.steps.io.BadInputException;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * Phantoms at 1.5 mm: a body (40 HU) in air (−1000 HU) holding two ellipsoid lungs (−850 HU, semi-axes
 * 35 × 50 × 70 mm), joined by a bronchial tube to a trachea (−1000 HU) that runs up to the top face; and a
 * head with no lungs.
 */
class LungMaskPhantomTest {
    static final double S = 1.5;
    static final int NX = 180;
    static final int NY = 140;
    static final int NZ = 120;

    static Volume chest() {
        Geometry g = Geometry.of(NX, NY, NZ, S, S, S);
        short[] v = new short[NX * NY * NZ];
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    double px = (x - NX / 2.0 + 0.5) * S;
                    double py = (y - NY / 2.0 + 0.5) * S;
                    double pz = (z + 0.5) * S;
                    short hu = -1000;
                    if (sq(px / 120) + sq(py / 90) <= 1) {
                        hu = 40;
                    }
                    if (inLung(px, py, pz)) {
                        hu = -850;
                    }
                    boolean trachea = pz >= 140 && sq(px) + sq(py) <= 64;
                    boolean bronchus = Math.abs(px) <= 45 && sq(pz - 140) + sq(py) <= 36;
                    if (trachea || bronchus) {
                        hu = -1000;
                    }
                    v[g.index(x, y, z)] = hu;
                }
            }
        }
        return Volume.adoptShorts(g, v);
    }

    static boolean inLung(double px, double py, double pz) {
        return sq((Math.abs(px) - 50) / 35) + sq(py / 50) + sq((pz - 80) / 70) <= 1;
    }

    static double sq(double a) {
        return a * a;
    }

    @Test
    void twoEllipsoidLungsAreFoundWithinTwoPercentAndTheTracheaIsRemoved() {
        LungMask m = ClassicalLungSegmenter.DEFAULT.segment(chest());
        double analyticMl = 2 * 4.0 / 3 * Math.PI * 35 * 50 * 70 / 1000;
        assertThat(m.volumeMl()).isCloseTo(analyticMl, Assertions.withinPercentage(2));
        assertThat(m.tracheaMl()).isGreaterThan(3);
        // trachea voxels above the lungs are not in the mask
        for (int z = 100; z < NZ; z++) {
            assertThat(m.mask().get(NX / 2, NY / 2, z)).isZero();
        }
        // lungs are: a voxel at each lung centre
        assertThat(m.mask().get((int) (NX / 2.0 + 50 / S), NY / 2, (int) (80 / S))).isEqualTo(1);
        assertThat(m.mask().get((int) (NX / 2.0 - 50 / S), NY / 2, (int) (80 / S))).isEqualTo(1);
        assertThat(m.meanHu()).isBetween(-860.0, -840.0);
        assertThat(m.mask().geometry()).isEqualTo(chest().geometry());
    }

    @Test
    void aHeadWithoutLungsIsRejected() {
        Geometry g = Geometry.of(120, 120, 60, S, S, S);
        short[] v = new short[120 * 120 * 60];
        for (int z = 0; z < 60; z++) {
            for (int y = 0; y < 120; y++) {
                for (int x = 0; x < 120; x++) {
                    double r = sq((x - 60) / 50.0) + sq((y - 60) / 60.0);
                    v[g.index(x, y, z)] = (short) (r <= 0.8 ? 35 : r <= 1 ? 900 : -1000);
                }
            }
        }
        // a sinus-sized air pocket inside
        for (int z = 20; z < 30; z++) {
            for (int y = 20; y < 30; y++) {
                for (int x = 55; x < 65; x++) {
                    v[g.index(x, y, z)] = -1000;
                }
            }
        }
        assertThatThrownBy(() -> ClassicalLungSegmenter.DEFAULT.segment(Volume.adoptShorts(g, v)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no lungs found");
    }
}
