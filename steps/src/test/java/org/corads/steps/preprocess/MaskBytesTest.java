package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stretch is empty exactly when no byte of it is set, wherever the set byte lies against the bulk chunks. */
class MaskBytesTest {

    @Test
    void aSingleSetByteIsFoundAtEveryPositionAndOnlyInsideTheStretch() {
        int n = 10_000; // more than two of the comparison's 4096-byte chunks
        for (int at : new int[]{0, 1, 4095, 4096, 4097, 8191, 8192, 9_999}) {
            byte[] mask = new byte[n];
            mask[at] = 1;
            assertThat(MaskBytes.empty(mask, 0, n)).as("set at %d", at).isFalse();
            assertThat(MaskBytes.empty(mask, at, at + 1)).isFalse();
            assertThat(MaskBytes.empty(mask, 0, at)).isTrue();
            assertThat(MaskBytes.empty(mask, at + 1, n)).isTrue();
        }
        assertThat(MaskBytes.empty(new byte[n], 0, n)).isTrue();
        assertThat(MaskBytes.empty(new byte[3], 2, 2)).isTrue();
    }
}
