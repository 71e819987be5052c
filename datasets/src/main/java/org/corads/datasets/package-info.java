/**
 * Manifests, label systems, patient-level splits and the synthetic CT cohort generator.
 * Not yet implemented: this module holds no code until the datasets work lands.
 */
package org.corads.datasets;
