package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;

/**
 * Channel 1 of the classifier input (SPEC §3) from a lesion label map on the scan's grid (labels 1 GGO and 2
 * consolidation, or a probability map): binarised (&gt; 0), resampled to the 1.5 mm grid (trilinear), binarised
 * at 0.5, then cropped and sampled exactly like the CT channel so both align voxel for voxel (FLOAT32, 0/1).
 * Only the voxels the model grid keeps are interpolated ({@link ResampleToSpacing#applyWithin}): the same values
 * as resampling the whole map, for a fraction of the work.
 */
public final class LesionChannel {

    private LesionChannel() {}

    public static Volume onModelGrid(Volume lesions, double spacingMm, Preprocessor chain, CropToLungs.Window w) {
        float[] v = lesions.toFloats();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1 : 0;
        }
        int width = chain.crop().width();
        // a binary map clipped to [0, 1] is itself; voxels outside the crop's sampled slices stay 0, as cropping pads
        Volume onGrid = new ResampleToSpacing(spacingMm).applyWithin(Volume.adoptFloats(lesions.geometry(), v), 0, 1,
                w.x0(), w.x0() + width, w.y0(), w.y0() + width, chain.sampledSlices(w));
        Volume channel = chain.channelLike(onGrid, w);
        float[] b = channel.toFloats();
        for (int i = 0; i < b.length; i++) {
            b[i] = b[i] >= 0.5f ? 1 : 0;
        }
        return Volume.adoptFloats(channel.geometry(), b);
    }
}
