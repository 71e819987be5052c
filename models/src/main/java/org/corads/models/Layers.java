package org.corads.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;

/** Convolution + batch norm + ReLU units shared by the networks. */
public final class Layers {

    private Layers() {}

    /** Conv3d (no bias) → BatchNorm → ReLU, "same" padding for odd kernels. */
    public static SequentialBlock unit3d(int filters, int k, int stride) {
        return unit3d(filters, new Shape(k, k, k), new Shape(stride, stride, stride));
    }

    public static SequentialBlock unit3d(int filters, Shape kernel, Shape stride) {
        long[] k = kernel.getShape();
        return new SequentialBlock()
                .add(Conv3d.builder().setFilters(filters).setKernelShape(kernel).optStride(stride)
                        .optPadding(new Shape(k[0] / 2, k[1] / 2, k[2] / 2)).optBias(false).build())
                .add(batchNorm(1e-3f)).add(Activation.reluBlock());
    }

    /** Conv2d (no bias) → BatchNorm, "same" padding for odd kernels; ReLU when asked. */
    public static SequentialBlock unit2d(int filters, int k, int stride, boolean relu) {
        SequentialBlock b = new SequentialBlock().add(Conv2d.builder().setFilters(filters)
                .setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(k / 2, k / 2)).optBias(false).build()).add(batchNorm(1e-5f));
        if (relu) {
            b.add(Activation.reluBlock());
        }
        return b;
    }

    /**
     * Batch normalisation over the channel axis ({@link BatchNorm}: DJL's numbers and parameter names, without the
     * engine's transposes), with DJL's default momentum and the given ε (DJL's default is 1e-5).
     */
    public static BatchNorm batchNorm(float epsilon) {
        return BatchNorm.withEpsilon(epsilon);
    }

    /** Scales a channel count by the width multiplier (at least 1). */
    public static int width(int channels, float multiplier) {
        return Math.max(1, Math.round(channels * multiplier));
    }
}
