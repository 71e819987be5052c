package org.corads.models.unet;

import org.corads.steps.volume.Volume;

/**
 * Segments GGO (label 1) and consolidation (label 2) in a CT on the 1.5 mm grid, within the lungs (SPEC §3). Two
 * implementations: {@link UNetSegmenter} (the DJL 3D U-Net trained here) and {@link SavedModelSegmenter} (a
 * TensorFlow SavedModel trained elsewhere, on DJL's TensorFlow engine).
 */
public interface LesionSegmenter extends AutoCloseable {

    /**
     * @param hu   CT in HU on the 1.5 mm grid
     * @param lung lung mask on the same grid (non-zero = lung)
     */
    Segmentation segment(Volume hu, Volume lung);

    @Override
    void close();
}
