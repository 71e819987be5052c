package org.corads.steps.io;

/**
 * Memory budget checked by every reader before it allocates voxel buffers, so that a header claiming
 * 100000³ voxels, or a decompression bomb, is refused instead of exhausting the heap.
 *
 * @param maxVoxels largest accepted voxel count (also bounded by Java's array size)
 * @param maxBytes  largest accepted decoded voxel data in bytes (file type, before conversion)
 */
public record ReadLimits(long maxVoxels, long maxBytes) {

    /** Java arrays hold at most this many elements. */
    public static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    public ReadLimits {
        if (maxVoxels < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        maxVoxels = Math.min(maxVoxels, ARRAY_LIMIT);
    }

    /**
     * Default budget: decoded data may take at most 40 % of the maximum heap (the reader also holds the
     * converted buffer), and never more than {@link #ARRAY_LIMIT} voxels.
     */
    public static ReadLimits defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new ReadLimits(ARRAY_LIMIT, Math.max(1, (long) (heap * 0.4)));
    }

    /**
     * Checks a claimed size before any allocation.
     *
     * @param file          named in the error
     * @param dims          claimed dimensions
     * @param bytesPerVoxel bytes per voxel as stored
     * @return the voxel count
     */
    public long check(Object file, long[] dims, int bytesPerVoxel) {
        long voxels = 1;
        for (long d : dims) {
            if (d < 1) {
                throw new BadInputException(file + ": dimension " + d + " is not positive; expected sizes ≥ 1");
            }
            if (voxels > maxVoxels / d) {
                throw new BadInputException(file + ": " + dimsText(dims) + " voxels exceed the limit of " + maxVoxels
                        + " voxels; refused before allocating");
            }
            voxels *= d;
        }
        if (voxels > maxVoxels) {
            throw new BadInputException(file + ": " + dimsText(dims) + " voxels exceed the limit of " + maxVoxels
                    + " voxels; refused before allocating");
        }
        if (voxels * bytesPerVoxel > maxBytes) {
            throw new BadInputException(file + ": " + dimsText(dims) + " voxels need " + (voxels * bytesPerVoxel)
                    + " bytes, over the memory budget of " + maxBytes + " bytes; refused before allocating");
        }
        return voxels;
    }

    private static String dimsText(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }
}
