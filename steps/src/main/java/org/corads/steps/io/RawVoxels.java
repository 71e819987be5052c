package org.corads.steps.io;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.WritableByteChannel;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Decodes raw voxel bytes of a stored type into a {@link Volume}, applying an optional linear rescale
 * ({@code value = slope · raw + intercept}). Integer data that stays integral and fits 16 bits becomes
 * INT16; unsigned 8-bit data without rescale stays UINT8; everything else becomes FLOAT32.
 */
public final class RawVoxels {

    /** Stored element types common to the supported formats. */
    public enum Stored {
        INT8(1, true), UINT8(1, true), INT16(2, true), UINT16(2, true), INT32(4, true), UINT32(4, true), FLOAT32(4,
                false), FLOAT64(8, false);

        public final int bytes;
        public final boolean integral;

        Stored(int bytes, boolean integral) {
            this.bytes = bytes;
            this.integral = integral;
        }
    }

    private RawVoxels() {}

    public static Volume decode(Geometry g, byte[] data, Stored type, ByteOrder order, double slope, double intercept) {
        int n = (int) g.voxelCount();
        boolean identity = slope == 1 && intercept == 0;
        ByteBuffer buf = ByteBuffer.wrap(data).order(order);
        if (identity && type == Stored.INT16) {
            short[] s = new short[n];
            buf.asShortBuffer().get(s);
            return Volume.adoptShorts(g, s);
        }
        if (identity && type == Stored.UINT8) {
            byte[] b = new byte[n];
            buf.get(b);
            return Volume.adoptBytes(g, b);
        }
        double[] vals = null;
        boolean integralResult = type.integral && slope == Math.rint(slope) && intercept == Math.rint(intercept);
        if (integralResult) {
            short[] s = new short[n];
            boolean fits = true;
            for (int i = 0; i < n && fits; i++) {
                double v = slope * readRaw(buf, type, i) + intercept;
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    fits = false;
                } else {
                    s[i] = (short) v;
                }
            }
            if (fits) {
                return Volume.adoptShorts(g, s);
            }
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (slope * readRaw(buf, type, i) + intercept);
        }
        return Volume.adoptFloats(g, f);
    }

    private static double readRaw(ByteBuffer b, Stored t, int i) {
        return switch (t) {
            case INT8 -> b.get(i);
            case UINT8 -> b.get(i) & 0xFF;
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> b.getShort(i * 2) & 0xFFFF;
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
            case FLOAT32 -> b.getFloat(i * 4);
            case FLOAT64 -> b.getDouble(i * 8);
        };
    }

    /** Encodes a volume's voxels in its own type ({@code INT16}, {@code UINT8} or {@code FLOAT32}). */
    public static byte[] encode(Volume v, ByteOrder order) {
        int n = v.voxelCount();
        ByteBuffer out = ByteBuffer.allocate(n * v.type().bytesPerVoxel()).order(order);
        switch (v.type()) {
            case INT16 -> out.asShortBuffer().put(v.shortView());
            case UINT8 -> out.put(v.byteView());
            case FLOAT32 -> out.asFloatBuffer().put(v.floatView());
        }
        return out.array();
    }

    /**
     * Writes the bytes {@link #encode} returns to {@code out} a megabyte at a time, through one direct buffer: no
     * copy of the whole volume on the heap (a 40 MB scan would be one more 40 MB array to allocate and fill).
     */
    public static void write(Volume v, ByteOrder order, WritableByteChannel out) throws IOException {
        int bytes = v.type().bytesPerVoxel();
        int n = v.voxelCount();
        int chunk = CHUNK_BYTES / bytes;
        ByteBuffer buf = ByteBuffer.allocateDirect(chunk * bytes).order(order);
        Buffer src = switch (v.type()) {
            case INT16 -> v.shortView();
            case UINT8 -> v.byteView();
            case FLOAT32 -> v.floatView();
        };
        for (int from = 0; from < n; from += chunk) {
            int len = Math.min(chunk, n - from);
            src.clear().position(from).limit(from + len);
            buf.clear();
            switch (v.type()) {
                case INT16 -> buf.asShortBuffer().put((ShortBuffer) src);
                case UINT8 -> buf.put((ByteBuffer) src);
                case FLOAT32 -> buf.asFloatBuffer().put((FloatBuffer) src);
            }
            buf.position(0).limit(len * bytes);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
    }

    private static final int CHUNK_BYTES = 1 << 20;

    /** The stored type that holds a volume's voxel type without conversion. */
    public static Stored storedTypeOf(Volume v) {
        return switch (v.type()) {
            case INT16 -> Stored.INT16;
            case UINT8 -> Stored.UINT8;
            case FLOAT32 -> Stored.FLOAT32;
        };
    }
}
