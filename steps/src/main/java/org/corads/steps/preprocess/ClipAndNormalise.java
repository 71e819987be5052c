package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VolumeTransform;

/**
 * SPEC §2.1 [paper Sec. 4.5]: clip HU to [{@code huMin}, {@code huMax}] and map linearly to [0, 1]:
 * {@code v = (clip(hu) − huMin) / (huMax − huMin)}. Geometry unchanged; output FLOAT32.
 *
 * @param huMin lower clip bound, HU (−1100 in the paper)
 * @param huMax upper clip bound, HU (300 in the paper)
 */
public record ClipAndNormalise(double huMin, double huMax) implements VolumeTransform {

    public static final ClipAndNormalise PAPER = new ClipAndNormalise(-1100, 300);

    public ClipAndNormalise {
        if (!(huMax > huMin)) {
            throw new IllegalArgumentException("huMax must exceed huMin, got [" + huMin + ", " + huMax + "]");
        }
    }

    @Override
    public Volume apply(Volume in) {
        int n = in.voxelCount();
        float[] out = new float[n];
        in.copyAsFloats(0, out, 0, n); // each voxel exactly as get(i) reads it, then mapped in place
        double scale = 1.0 / (huMax - huMin);
        for (int i = 0; i < n; i++) {
            double hu = Math.max(huMin, Math.min(huMax, out[i]));
            out[i] = (float) ((hu - huMin) * scale);
        }
        return Volume.adoptFloats(in.geometry(), out);
    }
}
