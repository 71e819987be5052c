package org.corads.steps.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * float32 values in the byte order and form {@link java.io.DataOutputStream#writeFloat} gives them (big-endian, every
 * NaN as the canonical one), read and written a block at a time: the same bytes and values as one
 * {@code readFloat}/{@code writeFloat} per value, which costs four synchronised single-byte calls on a buffered
 * stream per value (packed datasets and model cases hold millions of values).
 */
public final class BigEndianFloats {
    /** Values per block. */
    static final int BLOCK = 1 << 16;

    private BigEndianFloats() {}

    /**
     * Fills {@code into} with the next {@code into.length} values of {@code in}.
     *
     * @throws java.io.EOFException when the input ends before them
     */
    public static void read(DataInput in, float[] into) throws IOException {
        byte[] bytes = new byte[Math.min(into.length, BLOCK) * Float.BYTES];
        FloatBuffer values = ByteBuffer.wrap(bytes).asFloatBuffer();
        for (int off = 0; off < into.length; off += BLOCK) {
            int n = Math.min(BLOCK, into.length - off);
            in.readFully(bytes, 0, n * Float.BYTES);
            values.get(0, into, off, n);
        }
    }

    /** Writes {@code values} as {@code writeFloat} would, one after the other. */
    public static void write(DataOutput out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.min(values.length, BLOCK) * Float.BYTES);
        for (int off = 0; off < values.length; off += BLOCK) {
            int n = Math.min(BLOCK, values.length - off);
            bytes.clear();
            for (int i = 0; i < n; i++) {
                bytes.putInt(Float.floatToIntBits(values[off + i]));
            }
            out.write(bytes.array(), 0, n * Float.BYTES);
        }
    }
}
