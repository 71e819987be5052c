/**
 * Manifests ({@code manifest.csv}: scan, patient, file, label, split, digest), the importer that writes them from a
 * folder of scans and a labels sheet, and patient-grouped, label-stratified splits.
 *
 * <p>May use: the {@code steps} library (readers, label systems, digests).
 */
package org.corads.datasets.manifest;
