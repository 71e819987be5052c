package org.corads.pipeline.grading;

/** What one graded scan is in a bucket. */
public enum ScanKind {
    /** one object: {@code .nii}, {@code .nii.gz} or {@code .mha} */
    FILE,
    /** a DICOM series: the objects under one prefix, one per slice */
    SERIES
}
