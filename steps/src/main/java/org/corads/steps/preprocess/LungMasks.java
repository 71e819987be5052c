package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;

/** Measurements of an existing lung mask. */
public final class LungMasks {

    private LungMasks() {}

    /** Volume, mean HU and bounding box of {@code mask} over {@code hu}; fewer than 1 ml → "no lungs found". */
    public static LungMask measure(Volume mask, Volume hu) {
        return ClassicalLungSegmenter.measure(mask, hu, 0, 0, 1);
    }

    /**
     * The inclusive bounding box {xmin, xmax, ymin, ymax, zmin, zmax} of {@code mask}; under 1 ml → "no lungs found".
     */
    public static int[] boundingBox(Volume mask) {
        return ClassicalLungSegmenter.measure(mask, mask, 0, 0, 1).boundingBox();
    }
}
