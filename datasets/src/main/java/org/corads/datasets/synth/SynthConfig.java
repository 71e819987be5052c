package org.corads.datasets.synth;

/**
 * How a synthetic cohort is made.
 *
 * @param resolution {@link Resolution#FULL} (in-plane 0.6–0.9 mm, slices 0.5–5 mm, as scanners make them) or
 *                       {@link Resolution#FAST} (4× coarser in-plane, slices 2–5 mm: the same anatomy for tests and
 *                       demos)
 * @param difficulty 0…1: how much neighbouring grades' lesion burdens overlap and how often the label differs
 *                       by one grade from what the image shows (reader disagreement); 0.5 by default
 * @param noSignal   when true, each label is drawn independently of the image (a chance-level control)
 */
public record SynthConfig(Resolution resolution, double difficulty, boolean noSignal) {

    /** Voxel grid presets. */
    public enum Resolution {
        FULL(0.6, 0.9, 0.5, 5.0), FAST(2.4, 3.6, 2.0, 5.0);

        final double inPlaneMin;
        final double inPlaneMax;
        final double sliceMin;
        final double sliceMax;

        Resolution(double inPlaneMin, double inPlaneMax, double sliceMin, double sliceMax) {
            this.inPlaneMin = inPlaneMin;
            this.inPlaneMax = inPlaneMax;
            this.sliceMin = sliceMin;
            this.sliceMax = sliceMax;
        }
    }

    public static final SynthConfig DEFAULT = new SynthConfig(Resolution.FULL, 0.5, false);

    public SynthConfig {
        if (!(difficulty >= 0 && difficulty <= 1)) {
            throw new IllegalArgumentException("difficulty must be in [0, 1], got " + difficulty);
        }
    }

    public SynthConfig withResolution(Resolution r) {
        return new SynthConfig(r, difficulty, noSignal);
    }
}
