/**
 * The home of every pipeline step, one sub-package per stage: {@code preprocess} (ingest and the input gate,
 * resampling, lung mask, model input, model case), {@code lesions} (U-Net training, segmentation, lesion channel),
 * {@code training} (dataset, pre-training, training), {@code grading} (grade, ensemble) and {@code evaluation}
 * (evaluate, compare arms); and the registry of the steps this build runs.
 *
 * <p>Steps read and write local files only ({@code StepFiles}); they know nothing of storage, Camel or Quarkus.
 * May use: the {@code steps}, {@code models} and {@code datasets} libraries.
 */
package org.corads.pipeline.steps;
