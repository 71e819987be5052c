package org.corads.steps.preprocess;

import java.util.Arrays;

/** Whether a stretch of a mask holds anything, compared against zeros in bulk rather than a byte at a time. */
final class MaskBytes {
    private static final byte[] ZEROS = new byte[4096];

    private MaskBytes() {}

    /** True when {@code mask[from, to)} holds only zeros. */
    static boolean empty(byte[] mask, int from, int to) {
        for (int i = from; i < to; i += ZEROS.length) {
            int n = Math.min(ZEROS.length, to - i);
            if (Arrays.mismatch(mask, i, i + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }
}
