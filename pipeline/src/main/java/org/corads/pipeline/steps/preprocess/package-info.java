/**
 * Ingest and preprocessing steps (SPEC §1–2): {@code ingest} (read any format, the input gate),
 * {@code resample}, {@code clip-normalise}, {@code lung-mask}, {@code model-input} and {@code model-case} (the
 * input at a study's size).
 *
 * <p>May use: the {@code steps} library only.
 */
package org.corads.pipeline.steps.preprocess;
