package org.corads.steps.preprocess;

import java.util.Map;

/**
 * {@code summary.json} of {@code preprocess} (SPEC §8).
 *
 * @param lungVolumeMl    lung volume, ml
 * @param lungMeanHu      mean HU inside the lung mask
 * @param airwayRemovedMl trachea and main bronchi removed from the mask, ml
 * @param lungBoundingBox inclusive voxel bounds on the 1.5 mm grid {xmin, xmax, ymin, ymax, zmin, zmax}
 * @param keptSlices      first and last kept slice on the 1.5 mm grid (inclusive)
 * @param cropOrigin      first in-plane voxel of the crop on the 1.5 mm grid {x0, y0} (may be negative)
 * @param resampledSize   size of the 1.5 mm grid
 * @param inputSize       size of the model input (x, y, z)
 * @param timingsMs       stage → milliseconds
 */
public record PreprocessSummary(double lungVolumeMl, double lungMeanHu, double airwayRemovedMl, int[] lungBoundingBox,
        int[] keptSlices, int[] cropOrigin, int[] resampledSize, int[] inputSize, Map<String, Long> timingsMs) {

    public static PreprocessSummary of(Preprocessor.Result r, Map<String, Long> timingsMs) {
        return new PreprocessSummary(Math.round(r.lungs().volumeMl() * 10) / 10.0,
                Math.round(r.lungs().meanHu() * 10) / 10.0, Math.round(r.lungs().tracheaMl() * 10) / 10.0,
                r.lungs().boundingBox(), new int[]{r.window().zFirst(), r.window().zLast()},
                new int[]{r.window().x0(), r.window().y0()}, r.resampled().geometry().size(),
                r.input().geometry().size(), timingsMs);
    }
}
