package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;

/** DJL's own convolution blocks and operator, for comparing the networks' {@code Conv3d} / {@code Conv2d} with. */
final class DjlConvolutions {
    private DjlConvolutions() {}

    static Block conv3d(int filters, Shape kernel, boolean bias) {
        return Conv3d.builder().setFilters(filters).setKernelShape(kernel).optBias(bias).build();
    }

    static Block conv2d(int filters, Shape kernel, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(kernel).optBias(bias).build();
    }

    /** DJL's 3D convolution operator, stride 1. */
    static NDArray conv3d(NDArray x, NDArray weight, NDArray bias, Shape padding) {
        return Conv3d.conv3d(x, weight, bias, new Shape(1, 1, 1), padding).singletonOrThrow();
    }
}
