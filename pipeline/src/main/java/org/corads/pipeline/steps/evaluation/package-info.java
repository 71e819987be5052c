/**
 * Evaluation steps: {@code evaluate} (one predictions file) and {@code compare-arms} (a study's arms, with
 * paired bootstrap p-values against the reference).
 *
 * <p>May use: the {@code steps} library's {@code eval} and {@code report} packages.
 */
package org.corads.pipeline.steps.evaluation;
