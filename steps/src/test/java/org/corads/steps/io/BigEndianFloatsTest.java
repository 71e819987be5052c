package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Block-wise float I/O gives exactly the bytes and values of one {@code writeFloat}/{@code readFloat} per value. */
class BigEndianFloatsTest {

    /** Special values, then random bit patterns (every kind of NaN among them), across several blocks. */
    private static float[] values(int n) {
        SplittableRandom r = new SplittableRandom(7);
        float[] v = new float[n];
        float[] special = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc12345),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
                Float.MIN_NORMAL, 1f, -1.5f};
        for (int i = 0; i < n; i++) {
            v[i] = i < special.length ? special[i] : Float.intBitsToFloat(r.nextInt());
        }
        return v;
    }

    private static byte[] oneByOne(float[] v) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            for (float f : v) {
                out.writeFloat(f);
            }
        }
        return b.toByteArray();
    }

    @Test
    void writesTheBytesOfWriteFloat() throws IOException {
        for (int n : new int[]{0, 1, 13, BigEndianFloats.BLOCK - 1, BigEndianFloats.BLOCK,
                2 * BigEndianFloats.BLOCK + 5}) {
            float[] v = values(n);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                BigEndianFloats.write(out, v);
            }
            assertThat(b.toByteArray()).as("%d values", n).isEqualTo(oneByOne(v));
        }
    }

    @Test
    void readsTheValuesOfReadFloatAndLeavesTheRestOfTheStream() throws IOException {
        int n = 2 * BigEndianFloats.BLOCK + 5;
        byte[] bytes = oneByOne(values(n + 3));
        float[] expected = new float[n];
        float[] got = new float[n];
        try (DataInputStream a = new DataInputStream(new ByteArrayInputStream(bytes));
                DataInputStream b = new DataInputStream(new ByteArrayInputStream(bytes))) {
            for (int i = 0; i < n; i++) {
                expected[i] = a.readFloat();
            }
            BigEndianFloats.read(b, got);
            assertThat(b.readFloat()).isEqualTo(a.readFloat());
        }
        int[] e = new int[n];
        int[] g = new int[n];
        Arrays.setAll(e, i -> Float.floatToRawIntBits(expected[i]));
        Arrays.setAll(g, i -> Float.floatToRawIntBits(got[i]));
        assertThat(g).isEqualTo(e);
    }

    @Test
    void aShortInputEndsInEndOfFile() throws IOException {
        byte[] bytes = Arrays.copyOf(oneByOne(values(BigEndianFloats.BLOCK + 10)),
                (BigEndianFloats.BLOCK + 10) * 4 - 1);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            assertThatThrownBy(() -> BigEndianFloats.read(in, new float[BigEndianFloats.BLOCK + 10]))
                    .isInstanceOf(EOFException.class);
        }
    }
}
