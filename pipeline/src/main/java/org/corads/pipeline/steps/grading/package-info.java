/**
 * Grading steps: {@code grade} (one member model on the test split) and {@code ensemble} (mean of members).
 *
 * <p>May use: {@code models.train}, {@code pipeline.steps.training} and the {@code steps} library.
 */
package org.corads.pipeline.steps.grading;
