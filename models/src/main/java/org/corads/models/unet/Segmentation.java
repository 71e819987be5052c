package org.corads.models.unet;

import org.corads.steps.volume.Volume;

/**
 * A lesion segmentation on the CT's grid.
 *
 * @param probability     FLOAT32 probability of lesion (GGO + consolidation), 0 outside the lungs
 * @param labels          UINT8 0 background, 1 GGO, 2 consolidation (argmax inside the lungs)
 * @param ggoMl           GGO volume
 * @param consolidationMl consolidation volume
 */
public record Segmentation(Volume probability, Volume labels, double ggoMl, double consolidationMl) {

    public double lesionMl() {
        return ggoMl + consolidationMl;
    }
}
