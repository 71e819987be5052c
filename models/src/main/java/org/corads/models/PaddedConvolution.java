package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DJL's convolution computed through {@link ChannelPadding}, so that its output and gradients are right on the CPU
 * whatever its channel counts. The concrete blocks are named {@link Conv3d} and {@link Conv2d} after DJL's, because
 * DJL names a block's parameters after its class: parameters, names and saved bytes stay DJL's
 * ({@code ChannelPaddingTest}).
 */
public abstract class PaddedConvolution extends Convolution {

    PaddedConvolution(ConvolutionBuilder<?> builder) {
        super(builder);
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
}
