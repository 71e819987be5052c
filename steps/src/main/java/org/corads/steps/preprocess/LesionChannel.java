package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;

/**
 * Channel 1 of the classifier input (SPEC §3) from a lesion label map on the scan's grid (labels 1 GGO and 2
 * consolidation, or a probability map): binarised (&gt; 0), resampled to the 1.5 mm grid (trilinear), binarised
 * at 0.5, then cropped and sampled exactly like the CT channel so both align voxel for voxel (FLOAT32, 0/1).
 * Only the voxels the model grid keeps are interpolated ({@link ResampleToSpacing#windowSlices}): the same values
 * as resampling the whole map, cropping and sampling it, for a fraction of the work.
 */
public final class LesionChannel {

    private LesionChannel() {}

    public static Volume onModelGrid(Volume lesions, double spacingMm, Preprocessor chain, CropToLungs.Window w) {
        float[] v = lesions.toFloats();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1 : 0;
        }
        // a binary map clipped to [0, 1] is itself; off the grid the window holds 0, as cropping pads
        ResampleToSpacing resample = new ResampleToSpacing(spacingMm);
        float[] b = resample.windowSlices(Volume.adoptFloats(lesions.geometry(), v), 0, 1, w.x0(), w.y0(),
                chain.crop().width(), chain.sampledSlices(w));
        for (int i = 0; i < b.length; i++) {
            b[i] = b[i] >= 0.5f ? 1 : 0;
        }
        return Volume.adoptFloats(chain.modelGrid(resample.outputGeometry(lesions.geometry()), w), b);
    }
}
