package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's {@code Conv2d} (same parameters, same names, same saved form — the class is named after DJL's because DJL
 * names a block's parameters after its class), trained through {@link ChannelPadding} so that its gradients are right
 * on the CPU whatever its number of filters. {@code ChannelPaddingTest} checks names and saved bytes against DJL's
 * block.
 */
public final class Conv2d extends Convolution {
    private static final LayoutType[] LAYOUT = {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.HEIGHT,
            LayoutType.WIDTH};

    private Conv2d(Builder builder) {
        super(builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        NDArray w = ps.getValue(weight, device, training);
        NDArray b = bias == null ? null : ps.getValue(bias, device, training);
        return ChannelPadding.convolve(x, w, b, kernelShape, stride, padding, dilation, groups, training);
    }

    @Override
    protected LayoutType[] getExpectedLayout() {
        return LAYOUT.clone();
    }

    @Override
    protected String getStringLayout() {
        return "NCHW";
    }

    @Override
    protected int numDimensions() {
        return 4;
    }

    /** Builds a {@link Conv2d} with DJL's convolution options. */
    public static final class Builder extends ConvolutionBuilder<Builder> {
        Builder() {
            stride = new Shape(1, 1);
            padding = new Shape(0, 0);
            dilation = new Shape(1, 1);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Conv2d build() {
            validate();
            return new Conv2d(this);
        }
    }
}
