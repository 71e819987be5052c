package org.corads.steps.preprocess;

import org.corads.steps.volume.Volume;

/**
 * A lung segmentation and what was measured on it.
 *
 * @param mask        UINT8 mask (1 = lung) on the input's grid
 * @param volumeMl    lung volume in millilitres
 * @param meanHu      mean HU inside the mask
 * @param boundingBox inclusive voxel bounds {xmin, xmax, ymin, ymax, zmin, zmax}
 * @param tracheaMl   airway volume removed (trachea and main bronchi), 0 when none was found
 * @param components  number of lung components kept (1 or 2)
 */
public record LungMask(Volume mask, double volumeMl, double meanHu, int[] boundingBox, double tracheaMl,
        int components) {

    public LungMask {
        boundingBox = boundingBox.clone();
    }

    @Override
    public int[] boundingBox() {
        return boundingBox.clone();
    }
}
