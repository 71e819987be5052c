package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.corads.models.unet.LesionOverlap;
import org.junit.jupiter.api.Test;

class LesionOverlapTest {

    @Test
    void diceOfAnyLesionGgoAndConsolidationFromVoxelCounts() {
        int[] predicted = {0, 1, 1, 2, 2, 0, 1};
        int[] truth = {0, 1, 2, 2, 0, 1, 1};
        LesionOverlap o = new LesionOverlap();
        for (int i = 0; i < truth.length; i++) {
            o.add(predicted[i], truth[i]);
        }
        double[] d = o.dice();
        // any lesion: predicted 5, true 5, both 4; GGO: predicted 3, true 3, both 2; consolidation: 2, 2, 1
        assertThat(d[0]).isCloseTo(2.0 * 4 / 10, within(1e-12));
        assertThat(d[1]).isCloseTo(2.0 * 2 / 6, within(1e-12));
        assertThat(d[2]).isCloseTo(2.0 * 1 / 4, within(1e-12));
    }

    @Test
    void aClassThatNeitherMarksCountsAsPerfect() {
        LesionOverlap o = new LesionOverlap();
        o.add(1, 1);
        assertThat(o.dice()).containsExactly(1.0, 1.0, 1.0);
        LesionOverlap none = new LesionOverlap();
        none.add(0, 2);
        assertThat(none.dice()).containsExactly(0.0, 1.0, 0.0);
    }
}
