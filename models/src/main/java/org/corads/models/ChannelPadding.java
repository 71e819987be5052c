package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.corads.models.device.NumericEnvironment;

/**
 * Works around two faults of the CPU engine's convolutions (libtorch 2.7.1's oneDNN, {@code jit:avx512_core} and
 * {@code jit:avx2} kernels, whose channel block is 16 floats with AVX-512 and 8 with AVX2), for kernels larger than 1:
 * <ul>
 * <li>with more input channels than one block and not a whole number of blocks (24, 40, 52 on AVX-512; 12, 20 on
 * AVX2) the <em>forward</em> pass is wrong, by about 1 % of its magnitude, every time;
 * <li>with output channels not a whole number of blocks (4, 8, 12, 24 on AVX-512) the <em>backward</em> pass gives the
 * layer below a wrong gradient — NaN in most iterations, otherwise off by percents, different from run to run (it
 * reads the block's padding of the output gradient unset).
 * </ul>
 * Such a convolution is computed here with its input padded by zero channels and its filters by zero filters up to
 * whole blocks (output padding only while training: the forward pass is right without it), and the padding sliced off
 * again: its numbers are then the plain convolution's, checked against a direct computation
 * ({@code ChannelPaddingTest}). Parameters, their names and files are unchanged; GPUs, 1 × 1 kernels and grouped
 * convolutions run as they are.
 */
final class ChannelPadding {
    private static final int BLOCK = NumericEnvironment.oneDnnChannelBlock();

    private ChannelPadding() {}

    static NDList convolve(NDArray x, NDArray weight, NDArray bias, Shape kernel, Shape stride, Shape padding,
            Shape dilation, int groups, boolean training) {
        long out = weight.getShape().get(0);
        long in = weight.getShape().get(1);
        if (!needed(out, in, kernel, groups, training, x.getDevice().isGpu())) {
            return x.getNDArrayInternal().convolution(x, weight, bias, stride, padding, dilation, groups);
        }
        // the padded copies belong to this pass (the input's manager), not to the long-lived parameters
        NDManager pass = x.getManager();
        NDArray input = x;
        NDArray w = weight;
        NDArray b = bias;
        if (paddedIn(in) != in) {
            input = x.concat(zeros(pass, x, 1, paddedIn(in) - in), 1);
            w = owned(w.concat(zeros(pass, w, 1, paddedIn(in) - in), 1), pass);
        }
        if (training && paddedOut(out) != out) {
            w = owned(w.concat(zeros(pass, w, 0, paddedOut(out) - out), 0), pass);
            b = bias == null ? null : owned(bias.concat(zeros(pass, bias, 0, paddedOut(out) - out), 0), pass);
        }
        NDArray y = input.getNDArrayInternal().convolution(input, w, b, stride, padding, dilation, groups)
                .singletonOrThrow();
        return new NDList(y.getShape().get(1) == out ? y : y.get(new NDIndex(":, 0:{}", out)));
    }

    /** Output channels as computed: up to a whole block. */
    static long paddedOut(long channels) {
        return roundUp(channels);
    }

    /** Input channels as computed: more than one block and not whole blocks → up to a whole block. */
    static long paddedIn(long channels) {
        return channels > BLOCK ? roundUp(channels) : channels;
    }

    /** Whether the convolution is computed padded (on a CPU, kernel larger than 1, not grouped). */
    static boolean needed(long outputChannels, long inputChannels, Shape kernel, int groups, boolean training,
            boolean gpu) {
        return !gpu && !pointwise(kernel) && groups == 1 && (paddedIn(inputChannels) != inputChannels
                || training && paddedOut(outputChannels) != outputChannels);
    }

    private static long roundUp(long channels) {
        return (channels + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static boolean pointwise(Shape kernel) {
        return Arrays.stream(kernel.getShape()).allMatch(k -> k == 1);
    }

    /** Zeros shaped like {@code like} but {@code count} long along {@code axis}. */
    private static NDArray zeros(NDManager manager, NDArray like, int axis, long count) {
        long[] shape = like.getShape().getShape().clone();
        shape[axis] = count;
        return manager.zeros(new Shape(shape), like.getDataType(), like.getDevice());
    }

    private static NDArray owned(NDArray array, NDManager manager) {
        array.attach(manager);
        return array;
    }

    /** The channel block the padding rounds to on this machine. */
    static int block() {
        return BLOCK;
    }
}
