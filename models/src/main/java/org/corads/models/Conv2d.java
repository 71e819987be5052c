package org.corads.models;

import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;

/** DJL's {@code Conv2d} computed through {@link ChannelPadding} ({@link PaddedConvolution}). */
public final class Conv2d extends PaddedConvolution {
    private static final LayoutType[] LAYOUT = {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.HEIGHT,
            LayoutType.WIDTH};

    private Conv2d(Builder builder) {
        super(builder);
    }

    public static Builder builder() {
        return new Builder();
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
    public static final class Builder extends Convolution.ConvolutionBuilder<Builder> {
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
