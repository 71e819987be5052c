/**
 * Lesion steps (SPEC §3): {@code lesion-train} (the U-Net), {@code lesion-segmentation} (U-Net or SavedModel)
 * and {@code lesion-channel} (a label map onto the model-input grid, channel 1).
 *
 * <p>May use: {@code models.unet}, {@code pipeline.steps.preprocess} and the {@code steps} library.
 */
package org.corads.pipeline.steps.lesions;
