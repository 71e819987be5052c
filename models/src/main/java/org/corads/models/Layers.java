package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Convolution + batch norm + ReLU units shared by the networks, and their layers without parameters — DJL's, with
 * their output shapes stated ({@link LambdaBlock}, {@link ParallelBlock}) so that initialising a full-size network
 * computes nothing.
 */
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
                .add(batchNorm(1e-3f)).add(relu());
    }

    /** Conv2d (no bias) → BatchNorm, "same" padding for odd kernels; ReLU when asked. */
    public static SequentialBlock unit2d(int filters, int k, int stride, boolean relu) {
        SequentialBlock b = new SequentialBlock().add(Conv2d.builder().setFilters(filters)
                .setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(k / 2, k / 2)).optBias(false).build()).add(batchNorm(1e-5f));
        if (relu) {
            b.add(relu());
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

    /** DJL's {@code Activation.reluBlock()}. */
    public static Block relu() {
        return new LambdaBlock(Activation::relu, "ReLU", UnaryOperator.identity());
    }

    /** DJL's {@code Blocks.identityBlock()}. */
    public static Block identity() {
        return new LambdaBlock(x -> x, "identity", UnaryOperator.identity());
    }

    /** DJL's {@code Pool.maxPool3dBlock(kernel, stride, padding)} (floor mode). */
    public static Block maxPool3d(Shape kernel, Shape stride, Shape padding) {
        return new LambdaBlock(x -> new NDList(Pool.maxPool3d(x.singletonOrThrow(), kernel, stride, padding, false)),
                "maxPool3d", s -> pooled(s, kernel, stride, padding));
    }

    /** DJL's {@code Pool.maxPool2dBlock(kernel, stride, padding)} (floor mode). */
    public static Block maxPool2d(Shape kernel, Shape stride, Shape padding) {
        return new LambdaBlock(x -> new NDList(Pool.maxPool2d(x.singletonOrThrow(), kernel, stride, padding, false)),
                "maxPool2d", s -> pooled(s, kernel, stride, padding));
    }

    /** DJL's {@code Pool.globalAvgPool3dBlock()}: (N, C, …) → (N, C). */
    public static Block globalAvgPool3d() {
        return new LambdaBlock(x -> new NDList(Pool.globalAvgPool3d(x.singletonOrThrow())), "globalAvgPool3d",
                s -> new Shape(s.get(0), s.get(1)));
    }

    /** DJL's {@code Pool.globalAvgPool2dBlock()}: (N, C, …) → (N, C). */
    public static Block globalAvgPool2d() {
        return new LambdaBlock(x -> new NDList(Pool.globalAvgPool2d(x.singletonOrThrow())), "globalAvgPool2d",
                s -> new Shape(s.get(0), s.get(1)));
    }

    /** DJL's {@code Blocks.batchFlattenBlock()}: (N, …) → (N, product of the rest). */
    public static Block batchFlatten() {
        return new LambdaBlock(x -> new NDList(Blocks.batchFlatten(x.singletonOrThrow())), "batchFlatten",
                s -> new Shape(s.get(0), s.size() / s.get(0)));
    }

    /** Branches joined along the channel axis. */
    public static Block concatChannels(List<Block> branches) {
        return new ParallelBlock(
                list -> new NDList(
                        NDArrays.concat(new NDList(list.stream().map(NDList::singletonOrThrow).toList()), 1)),
                branches, shapes -> {
                    long[] s = shapes.get(0).getShape().clone();
                    s[1] = shapes.stream().mapToLong(x -> x.get(1)).sum();
                    return new Shape(s);
                });
    }

    /** Branches of one output shape, added. */
    public static Block sum(List<Block> branches) {
        return new ParallelBlock(list -> {
            NDArray total = list.get(0).singletonOrThrow();
            for (int i = 1; i < list.size(); i++) {
                total = total.add(list.get(i).singletonOrThrow());
            }
            return new NDList(total);
        }, branches, shapes -> shapes.get(0));
    }

    /** Output shape of a floor-mode pooling: ⌊(n + 2p − k) / s⌋ + 1 along each spatial axis. */
    static Shape pooled(Shape in, Shape kernel, Shape stride, Shape padding) {
        long[] out = in.getShape().clone();
        for (int a = 0; a < kernel.dimension(); a++) {
            out[2 + a] = (in.get(2 + a) + 2 * padding.get(a) - kernel.get(a)) / stride.get(a) + 1;
        }
        return new Shape(out);
    }

    /** Scales a channel count by the width multiplier (at least 1). */
    public static int width(int channels, float multiplier) {
        return Math.max(1, Math.round(channels * multiplier));
    }
}
