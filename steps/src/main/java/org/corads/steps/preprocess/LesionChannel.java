package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;

/**
 * Channel 1 of the classifier input (SPEC §3) from a lesion label map on the scan's grid (labels 1 GGO and 2
 * consolidation, or a probability map): binarised (&gt; 0), resampled to the 1.5 mm grid (trilinear), binarised
 * at 0.5, then cropped and sampled exactly like the CT channel so both align voxel for voxel (FLOAT32, 0/1).
 */
public final class LesionChannel {

    private LesionChannel() {}

    public static Volume onModelGrid(Volume lesions, double spacingMm, Preprocessor chain, CropToLungs.Window w) {
        float[] v = lesions.toFloats();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1 : 0;
        }
        Volume onGrid = new ResampleToSpacing(spacingMm).apply(Volume.adoptFloats(lesions.geometry(), v));
        float[] b = onGrid.toFloats();
        for (int i = 0; i < b.length; i++) {
            b[i] = b[i] >= 0.5f ? 1 : 0;
        }
        return chain.channelLike(Volume.adoptFloats(onGrid.geometry(), b), w);
    }
}
