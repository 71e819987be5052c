package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.corads.models.device.NumericEnvironment;

/**
 * Works around a fault of the CPU engine's convolutions (libtorch 2.7.1's oneDNN, {@code jit:avx512_core} and
 * {@code jit:avx2}): when a convolution with a kernel larger than 1 has a number of output channels that is not a
 * multiple of the kernels' channel block (16 floats with AVX-512, 8 with AVX2), its backward pass reads the block's
 * padding of the output gradient unset, and the gradient it passes to the layer below comes out wrong — NaN in most
 * iterations, otherwise off by percents, and different from run to run. Measured on a 3³ convolution, 8 → 8 channels,
 * 2 × 16³: the input gradient's sum of magnitudes 72,370 on AVX2 and in PyTorch 1.13, NaN or 51,309–72,370 on
 * AVX-512; the weight gradient and the forward pass are right. Such a convolution is computed here, while training on
 * a CPU, with its output channels padded up to a whole block by zero filters and the padding sliced off again: the
 * gradient then has no unset padding, and the layer's numbers are exactly the unpadded convolution's
 * ({@code ChannelPaddingTest}). Parameters, their names and files are unchanged; GPUs, 1 × 1 kernels, grouped
 * convolutions and inference run as they are.
 */
final class ChannelPadding {
    private static final int BLOCK = NumericEnvironment.oneDnnChannelBlock();

    private ChannelPadding() {}

    static NDList convolve(NDArray x, NDArray weight, NDArray bias, Shape kernel, Shape stride, Shape padding,
            Shape dilation, int groups, boolean training) {
        long out = weight.getShape().get(0);
        if (!needed(out, kernel, groups, training, x.getDevice().isGpu())) {
            return x.getNDArrayInternal().convolution(x, weight, bias, stride, padding, dilation, groups);
        }
        long padded = (out + BLOCK - 1) / BLOCK * BLOCK;
        long[] extra = weight.getShape().getShape().clone();
        extra[0] = padded - out;
        // the padded copies belong to this pass (the input's manager), not to the long-lived parameters
        NDArray w = weight.concat(x.getManager().zeros(new Shape(extra), weight.getDataType(), x.getDevice()), 0);
        w.attach(x.getManager());
        NDArray b = null;
        if (bias != null) {
            b = bias.concat(x.getManager().zeros(new Shape(padded - out), bias.getDataType(), x.getDevice()), 0);
            b.attach(x.getManager());
        }
        NDArray y = x.getNDArrayInternal().convolution(x, w, b, stride, padding, dilation, groups).singletonOrThrow();
        return new NDList(y.get(new NDIndex(":, 0:{}", out)));
    }

    /** Whether the convolution needs its output channels padded to a whole block. */
    static boolean needed(long outputChannels, Shape kernel, int groups, boolean training, boolean gpu) {
        boolean pointwise = Arrays.stream(kernel.getShape()).allMatch(k -> k == 1);
        return training && !gpu && !pointwise && groups == 1 && outputChannels % BLOCK != 0;
    }

    /** The channel block the padding rounds to on this machine. */
    static int block() {
        return BLOCK;
    }
}
