package org.corads.pipeline.study;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a study's lesion channel (input channel 1) comes from; written as its label in study files. */
public enum LesionMaps {
    /** a 3D U-Net trained in the study on the training scans' masks segments every scan (the method) */
    MODEL("model"),
    /** the masks {@code masks/<scan_id>-lesions.mha} beside the manifest, used directly (an oracle) */
    GROUND_TRUTH("ground-truth"),
    /** no lesion channel: arms that need one are refused */
    NONE("none");

    private final String label;

    LesionMaps(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}
