package org.corads.steps.io;

import java.util.List;
import java.util.Optional;
import org.corads.steps.volume.Volume;

/**
 * A volume as read from a file or series, with what the source said about it.
 *
 * @param volume      voxels and geometry (LPS)
 * @param format      {@code "nifti"}, {@code "metaimage"} or {@code "dicom"}
 * @param modality    DICOM modality (e.g. {@code "CT"}) where the format records one
 * @param warnings    things a user should know that did not stop the read (other series ignored, …)
 * @param sliceGapsMm distances between consecutive slices where the source has slice positions (DICOM),
 *                        else empty
 */
public record LoadedVolume(Volume volume, String format, Optional<String> modality, List<String> warnings,
        double[] sliceGapsMm) {

    public LoadedVolume {
        warnings = List.copyOf(warnings);
        sliceGapsMm = sliceGapsMm.clone();
    }

    public LoadedVolume(Volume volume, String format) {
        this(volume, format, Optional.empty(), List.of(), new double[0]);
    }

    @Override
    public double[] sliceGapsMm() {
        return sliceGapsMm.clone();
    }
}
