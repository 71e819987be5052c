package org.corads.steps.preprocess;

import java.util.ArrayList;
import java.util.List;
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
 * @param warnings        what looks wrong but did not stop preprocessing (see {@link #warnings(Preprocessor.Result)})
 */
public record PreprocessSummary(double lungVolumeMl, double lungMeanHu, double airwayRemovedMl, int[] lungBoundingBox,
        int[] keptSlices, int[] cropOrigin, int[] resampledSize, int[] inputSize, Map<String, Long> timingsMs,
        List<String> warnings) {

    public static PreprocessSummary of(Preprocessor.Result r, Map<String, Long> timingsMs) {
        return new PreprocessSummary(Math.round(r.lungs().volumeMl() * 10) / 10.0,
                Math.round(r.lungs().meanHu() * 10) / 10.0, Math.round(r.lungs().tracheaMl() * 10) / 10.0,
                r.lungs().boundingBox(), new int[]{r.window().zFirst(), r.window().zLast()},
                new int[]{r.window().x0(), r.window().y0()}, r.resampled().geometry().size(),
                r.input().geometry().size(), timingsMs, warnings(r));
    }

    /**
     * A lung mask that reaches the first or last slice of the scan (the trachea left in it, or a scan that does not
     * hold the whole lung), and no airway removed at all (the trachea may have been kept as lung).
     */
    public static List<String> warnings(Preprocessor.Result r) {
        List<String> w = new ArrayList<>();
        int[] box = r.lungs().boundingBox();
        int slices = r.resampled().geometry().size()[2];
        if (box[4] == 0 || box[5] == slices - 1) {
            w.add("lung mask reaches the "
                    + (box[4] == 0 && box[5] == slices - 1
                            ? "first and last slices"
                            : box[4] == 0 ? "first slice" : "last slice")
                    + " of the scan: the trachea may remain in it, or "
                    + "the scan does not hold the whole lung (look at qc.png)");
        }
        if (r.lungs().tracheaMl() == 0) {
            w.add("no trachea or main bronchi were found to remove from the lung mask: they may have been kept as "
                    + "lung (look at qc.png)");
        }
        return List.copyOf(w);
    }
}
