/**
 * Transfer learning: NumPy {@code .npz} weights, weight import by parameter name with 2D → 3D inflation and
 * input-channel mapping, and the initial weights of a training run.
 *
 * <p>May use: {@code models.train}, DJL and the {@code steps} library.
 */
package org.corads.models.transfer;
