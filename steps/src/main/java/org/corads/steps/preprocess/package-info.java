/**
 * Preprocessing (SPEC §2) as small transforms: resampling to 1.5 mm, the classical lung mask with airway
 * removal, crop to the lungs, slice sampling, clipping and normalisation, the lesion channel, and their chain.
 *
 * <p>May use: {@code steps.volume} and {@code steps.io}.
 */
package org.corads.steps.preprocess;
