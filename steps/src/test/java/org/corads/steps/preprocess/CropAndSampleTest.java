package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CropAndSampleTest {

    @Test
    void cropNearTheBorderIsCentredAndPadded() {
        Geometry g = new Geometry(new int[]{20, 20, 10}, new double[]{1.5, 1.5, 1.5}, new double[]{100, 200, 300},
                Geometry.IDENTITY);
        float[] v = new float[g.nx() * g.ny() * g.nz()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Volume in = Volume.adoptFloats(g, v);
        CropToLungs crop = new CropToLungs(10, 16);
        // lung box x 0…9, y 5…14, z 3…4: centre x ⌊10/2⌋ = 5 → x0 = −3; y ⌊20/2⌋ = 10 → y0 = 2
        CropToLungs.Window w = crop.window(g, new int[]{0, 9, 5, 14, 3, 4});
        assertThat(w.x0()).isEqualTo(-3);
        assertThat(w.y0()).isEqualTo(2);
        // 10 mm at 1.5 mm: up to 6 slices away are kept (9 mm), 7 (10.5 mm) are not; clipped to the image
        assertThat(w.zFirst()).isZero();
        assertThat(w.zLast()).isEqualTo(9);
        Volume out = crop.apply(in, w, -1);
        assertThat(out.geometry().size()).containsExactly(16, 16, 10);
        assertThat(out.get(0, 0, 0)).isEqualTo(-1); // x = −3: outside
        assertThat(out.get(3, 0, 0)).isEqualTo(in.get(0, 2, 0));
        assertThat(out.get(15, 15, 9)).isEqualTo(in.get(12, 17, 9));
        assertThat(out.geometry().originMm()).containsExactly(100 - 4.5, 200 + 3, 300);
        assertThat(out.geometry().spacingMm()).containsExactly(g.spacingMm());
    }

    @Test
    void slicesFartherThanTenMillimetresAreDropped() {
        Geometry g = Geometry.of(4, 4, 40, 1.5, 1.5, 1.5);
        CropToLungs.Window w = CropToLungs.PAPER.window(g, new int[]{0, 3, 0, 3, 15, 20});
        assertThat(w.zFirst()).isEqualTo(9);
        assertThat(w.zLast()).isEqualTo(26);
        Geometry g2 = Geometry.of(4, 4, 40, 1.5, 1.5, 2.0);
        CropToLungs.Window w2 = CropToLungs.PAPER.window(g2, new int[]{0, 3, 0, 3, 15, 20});
        assertThat(w2.zFirst()).isEqualTo(11); // 4 slices = 8 mm kept, 5 = 10 mm dropped
        assertThat(w2.zLast()).isEqualTo(24);
    }

    @ParameterizedTest
    @CsvSource({"50,1,0", "50,2,1", "50,64,25", "50,127,49", "128,1,1", "128,77,77", "128,127,127", "300,1,2",
            "300,64,151", "300,127,299"})
    void sliceSamplingFollowsTheRoundingRule(int n, int k, int expected) {
        // k · (n−1) / 127, halves up: 50 → 64·49/127 = 24.69 → 25; 300 → 64·299/127 = 150.68 → 151
        assertThat(SampleSlices.PAPER.sourceSlice(k, n)).isEqualTo(expected);
        Geometry g = Geometry.of(1, 1, n, 1, 1, 1.5);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        Volume out = SampleSlices.PAPER.apply(Volume.adoptFloats(g, v));
        assertThat(out.geometry().nz()).isEqualTo(128);
        assertThat(out.get(0, 0, k)).isEqualTo(expected);
        assertThat(out.get(0, 0, 0)).isZero();
    }

    @Test
    void clipAndNormaliseMapsTheHuWindowToTheUnitInterval() {
        Volume in = Volume.ofShorts(Geometry.of(5, 1, 1, 1, 1, 1), new short[]{-2000, -1100, -400, 300, 1000});
        Volume out = ClipAndNormalise.PAPER.apply(in);
        assertThat(out.toFloats()).containsExactly(0f, 0f, 0.5f, 1f, 1f);
        assertThat(out.geometry()).isEqualTo(in.geometry());
    }
}
