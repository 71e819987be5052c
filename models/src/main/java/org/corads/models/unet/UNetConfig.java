package org.corads.models.unet;

/**
 * The 3D U-Net's architecture: {@code levels} resolution levels (each halves the size; patch sides must be
 * divisible by {@code 2^(levels−1)}), {@code baseWidth} filters at the top level (doubling per level),
 * normalisation after each convolution ({@code batch} or {@code none}), 1 input channel (normalised CT) and
 * {@link #CLASSES} outputs (background, GGO, consolidation).
 */
public record UNetConfig(int levels, int baseWidth, Norm norm) {
    public static final int CLASSES = 3;
    public static final UNetConfig SMALL = new UNetConfig(3, 8, Norm.BATCH);

    public UNetConfig {
        if (levels < 1 || levels > 6) {
            throw new IllegalArgumentException("levels must be 1–6, got " + levels);
        }
        if (baseWidth < 1) {
            throw new IllegalArgumentException("baseWidth must be ≥ 1, got " + baseWidth);
        }
        if (norm == null) {
            throw new IllegalArgumentException("norm must be batch or none");
        }
    }

    /** Patch sides must be multiples of this. */
    public int multiple() {
        return 1 << (levels - 1);
    }
}
