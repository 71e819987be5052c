package org.corads.steps.io.dicom;

import java.nio.file.Path;

/**
 * The attributes of one DICOM image that volume assembly needs, as parsed from a Part 10 file.
 * Pixel data are located, not copied: {@link DicomParser#pixels} reads them on demand.
 */
record DicomSlice(Path file, String seriesUid, String modality, double[] positionMm, double[] orientation,
        double[] pixelSpacingMm, double sliceThicknessMm, int rows, int columns, int bitsAllocated,
        int pixelRepresentation, int samplesPerPixel, double slope, double intercept, int instanceNumber,
        TransferSyntax syntax, long pixelOffset, long pixelLength) {

    /** Unit normal of the slice plane: row direction × column direction. */
    double[] normal() {
        double[] r = {orientation[0], orientation[1], orientation[2]};
        double[] c = {orientation[3], orientation[4], orientation[5]};
        return new double[]{r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
    }

    /** Position along the slice normal, mm. */
    double normalPosition(double[] n) {
        return positionMm[0] * n[0] + positionMm[1] * n[1] + positionMm[2] * n[2];
    }
}
