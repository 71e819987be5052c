package org.corads.datasets.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One scan of a dataset manifest ({@code manifest.csv}).
 *
 * @param scanId           unique scan id
 * @param patientId        patient (splits and the bootstrap keep a patient's scans together)
 * @param uri              where the scan is: {@code s3://bucket/key}, or a path relative to the manifest
 * @param label            label in its system (CO-RADS 1–5, iCTCF name, MosMedData CT-0…CT-4)
 * @param labelSystem      {@code CORADS}, {@code ICTCF} or {@code MOSMED}
 * @param split            {@code train}, {@code validation}, {@code test} or empty when not assigned yet
 * @param sliceThicknessMm slice thickness, or null when unknown
 * @param digest           SHA-256 (hex) of the scan file
 */
@JsonPropertyOrder({"scan_id", "patient_id", "uri", "label", "label_system", "split", "slice_thickness_mm", "digest"})
public record ManifestRow(@JsonProperty("scan_id") String scanId, @JsonProperty("patient_id") String patientId,
        @JsonProperty("uri") String uri, @JsonProperty("label") String label,
        @JsonProperty("label_system") String labelSystem, @JsonProperty("split") String split,
        @JsonProperty("slice_thickness_mm") Double sliceThicknessMm, @JsonProperty("digest") String digest) {

    public ManifestRow withSplit(String s) {
        return new ManifestRow(scanId, patientId, uri, label, labelSystem, s, sliceThicknessMm, digest);
    }
}
