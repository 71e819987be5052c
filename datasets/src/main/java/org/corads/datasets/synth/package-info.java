/**
 * The synthetic CO-RADS cohort: deterministic chest-CT phantoms with lungs, airways and lesions whose load grows
 * with the grade, their lesion masks, and the writer of a cohort folder with its manifest.
 *
 * <p>May use: {@code datasets.manifest} and the {@code steps} library.
 */
package org.corads.datasets.synth;
