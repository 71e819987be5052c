package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;

/**
 * Segments the lungs of a CT volume in HU. The default is the classical recipe of SPEC §2.3
 * ({@link ClassicalLungSegmenter}); a model-based segmenter can implement the same interface.
 */
public interface LungSegmenter {

    /**
     * @param hu CT in Hounsfield units (typically already resampled to 1.5 mm)
     * @throws org.corads.steps.io.BadInputException "no lungs found" when the kept volume is too small
     */
    LungMask segment(Volume hu);
}
