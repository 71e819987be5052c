/**
 * Lesion segmentation (SPEC §3): the 3D U-Net, its Dice + cross-entropy training on patches, sliding-window
 * inference, and a TensorFlow SavedModel segmenter on DJL's TensorFlow engine.
 *
 * <p>May use: DJL (PyTorch and TensorFlow engines), {@code models.train} and the {@code steps} library.
 */
package org.corads.models.unet;
