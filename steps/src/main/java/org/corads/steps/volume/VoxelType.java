package org.corads.steps.volume;

/** The voxel buffer types a {@link Volume} can hold. */
public enum VoxelType {
    /** Signed 16-bit integers: CT in Hounsfield units. */
    INT16(2),
    /** Unsigned 8-bit integers: label masks. */
    UINT8(1),
    /** 32-bit floats: normalised intensities, probabilities. */
    FLOAT32(4);

    private final int bytesPerVoxel;

    VoxelType(int bytesPerVoxel) {
        this.bytesPerVoxel = bytesPerVoxel;
    }

    public int bytesPerVoxel() {
        return bytesPerVoxel;
    }
}
