package org.corads.models.unet;

import com.fasterxml.jackson.annotation.JsonValue;

/** Normalisation after each U-Net convolution; written as its lower-case label in configs and model cards. */
public enum Norm {
    /** batch normalisation (the convolution then has no bias) */
    BATCH("batch"),
    /** none (the convolution has a bias) */
    NONE("none");

    private final String label;

    Norm(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}
