package org.corads.datasets.synth;

import org.corads.steps.volume.Volume;

/**
 * One generated scan.
 *
 * @param scanId           scan id ({@code syn-00042})
 * @param patientId        patient id; some patients have two scans
 * @param label            the CO-RADS grade a reader assigned (the training target)
 * @param imageGrade       the grade the image was drawn from (differs from the label under label noise)
 * @param sliceThicknessMm slice thickness (= slice spacing here)
 * @param ct               CT in HU
 * @param lesions          lesion mask: 0 background, 1 GGO, 2 consolidation
 * @param lesionMl         lesion volume in the mask, ml
 */
public record SyntheticScan(String scanId, String patientId, int label, int imageGrade, double sliceThicknessMm,
        Volume ct, Volume lesions, double lesionMl) {}
