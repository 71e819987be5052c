package org.corads.steps.volume;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * An immutable 3D image: a {@link Geometry} and one typed voxel buffer, x fastest, then y, then z.
 *
 * <p>Exactly one of the three buffers is present, matching {@link #type()}. {@code UINT8} voxels are read
 * as unsigned (0–255). Voxel arrays are never exposed for writing: readers get copies or read-only views.
 * Factory methods named {@code adopt*} take ownership of a freshly made array without copying it (the
 * caller must not touch it afterwards); {@code of*} copy.
 */
public final class Volume {
    private final Geometry geometry;
    private final VoxelType type;
    private final short[] shorts;
    private final byte[] bytes;
    private final float[] floats;

    private Volume(Geometry geometry, VoxelType type, short[] s, byte[] b, float[] f) {
        this.geometry = geometry;
        this.type = type;
        this.shorts = s;
        this.bytes = b;
        this.floats = f;
        int length = s != null ? s.length : b != null ? b.length : f.length;
        if (length != geometry.voxelCount()) {
            throw new IllegalArgumentException("voxel buffer has " + length + " values, geometry needs "
                    + geometry.voxelCount() + " (" + Arrays.toString(geometry.size()) + ")");
        }
    }

    public static Volume adoptShorts(Geometry g, short[] voxels) {
        return new Volume(g, VoxelType.INT16, voxels, null, null);
    }

    public static Volume adoptBytes(Geometry g, byte[] voxels) {
        return new Volume(g, VoxelType.UINT8, null, voxels, null);
    }

    public static Volume adoptFloats(Geometry g, float[] voxels) {
        return new Volume(g, VoxelType.FLOAT32, null, null, voxels);
    }

    public static Volume ofShorts(Geometry g, short[] voxels) {
        return adoptShorts(g, voxels.clone());
    }

    public static Volume ofBytes(Geometry g, byte[] voxels) {
        return adoptBytes(g, voxels.clone());
    }

    public static Volume ofFloats(Geometry g, float[] voxels) {
        return adoptFloats(g, voxels.clone());
    }

    public Geometry geometry() {
        return geometry;
    }

    public VoxelType type() {
        return type;
    }

    public int voxelCount() {
        return (int) geometry.voxelCount();
    }

    /** Value of voxel {@code i} (linear index, x fastest) as a double; UINT8 is unsigned. */
    public double get(int i) {
        return switch (type) {
            case INT16 -> shorts[i];
            case UINT8 -> bytes[i] & 0xFF;
            case FLOAT32 -> floats[i];
        };
    }

    public double get(int x, int y, int z) {
        return get(geometry.index(x, y, z));
    }

    /** Read-only view of the INT16 voxels. */
    public ShortBuffer shortView() {
        requireType(VoxelType.INT16);
        return ShortBuffer.wrap(shorts).asReadOnlyBuffer();
    }

    /** Read-only view of the UINT8 voxels. */
    public ByteBuffer byteView() {
        requireType(VoxelType.UINT8);
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Read-only view of the FLOAT32 voxels. */
    public FloatBuffer floatView() {
        requireType(VoxelType.FLOAT32);
        return FloatBuffer.wrap(floats).asReadOnlyBuffer();
    }

    /** A copy of the INT16 voxels. */
    public short[] copyShorts() {
        requireType(VoxelType.INT16);
        return shorts.clone();
    }

    /** A copy of the UINT8 voxels. */
    public byte[] copyBytes() {
        requireType(VoxelType.UINT8);
        return bytes.clone();
    }

    /** All voxels converted to float (a new array, whatever the type). */
    public float[] toFloats() {
        if (type == VoxelType.FLOAT32) {
            return floats.clone();
        }
        float[] out = new float[voxelCount()];
        copyAsFloats(0, out, 0, out.length);
        return out;
    }

    /**
     * Copies {@code n} voxels from linear index {@code from} into {@code dst} at {@code at}, converted to float
     * exactly as {@link #get(int)} converts them (the type is looked at once, not per voxel).
     */
    public void copyAsFloats(int from, float[] dst, int at, int n) {
        switch (type) {
            case FLOAT32 -> System.arraycopy(floats, from, dst, at, n);
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[at + i] = shorts[from + i];
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst[at + i] = bytes[from + i] & 0xFF;
                }
            }
        }
    }

    /** Same voxels, another geometry of the same size (e.g. after a format round trip). */
    public Volume withGeometry(Geometry g) {
        if (!Arrays.equals(g.size(), geometry.size())) {
            throw new IllegalArgumentException("new geometry must keep the size " + Arrays.toString(geometry.size()));
        }
        return new Volume(g, type, shorts, bytes, floats);
    }

    /** True when type, geometry and every voxel are equal. */
    public boolean sameVoxelsAndGeometry(Volume o) {
        return type == o.type && geometry.equals(o.geometry) && sameVoxels(o);
    }

    /** True when type and every voxel are equal (geometry ignored). */
    public boolean sameVoxels(Volume o) {
        return type == o.type && switch (type) {
            case INT16 -> Arrays.equals(shorts, o.shorts);
            case UINT8 -> Arrays.equals(bytes, o.bytes);
            case FLOAT32 -> Arrays.equals(floats, o.floats);
        };
    }

    private void requireType(VoxelType t) {
        if (type != t) {
            throw new IllegalStateException("volume holds " + type + ", not " + t);
        }
    }

    @Override
    public String toString() {
        return "Volume[" + type + ", " + geometry + "]";
    }
}
