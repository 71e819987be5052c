package org.corads.models;

import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;

/** DJL's {@code Conv3d} computed through {@link ChannelPadding} ({@link PaddedConvolution}). */
public final class Conv3d extends PaddedConvolution {
    private static final LayoutType[] LAYOUT = {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.DEPTH,
            LayoutType.HEIGHT, LayoutType.WIDTH};

    private Conv3d(Builder builder) {
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
        return "NCDHW";
    }

    @Override
    protected int numDimensions() {
        return 5;
    }

    /** Builds a {@link Conv3d} with DJL's convolution options. */
    public static final class Builder extends Convolution.ConvolutionBuilder<Builder> {
        Builder() {
            stride = new Shape(1, 1, 1);
            padding = new Shape(0, 0, 0);
            dilation = new Shape(1, 1, 1);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Conv3d build() {
            validate();
            return new Conv3d(this);
        }
    }
}
