package org.corads.models.transfer;

import java.util.Arrays;

/**
 * A named weight tensor held in memory: its shape (row-major, last axis fastest) and float32 values.
 *
 * @param shape dimensions, outermost first
 * @param data  {@code prod(shape)} values
 */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
