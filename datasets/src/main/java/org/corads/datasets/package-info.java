/**
 * Datasets: the synthetic CO-RADS cohort ({@code synth}), manifests and their importer, label systems and
 * patient-level splits.
 */
package org.corads.datasets;
