/**
 * Classifier training on DJL: packed datasets, seeded sampling and augmentation, resumable Adam, validation
 * (class-balanced QWK, AUC), the training loop and its listeners (divergence, early stopping, checkpoints,
 * progress), model cards and seed ensembles.
 *
 * <p>May use: the networks of {@code org.corads.models}, DJL and the {@code steps} library; nothing of the pipeline.
 */
package org.corads.models.train;
