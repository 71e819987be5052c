package org.corads.pipeline.study;

import com.fasterxml.jackson.annotation.JsonValue;

/** The classifier family of an arm; written as its label ({@code 3d}, {@code 2d}) in study files and step ids. */
public enum Dimensionality {
    /** I3D on the whole volume */
    THREE_D("3d"),
    /** COVNet: a 2D network per slice, pooled */
    TWO_D("2d");

    private final String label;

    Dimensionality(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}
