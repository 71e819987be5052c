package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.corads.models.train.EngineLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ChannelPadding} and the networks' {@link Conv3d} / {@link Conv2d}: right input gradients whatever the number
 * of filters (the engine's own backward pass gets them wrong on the CPU when the filters are not a whole channel
 * block), and DJL's parameters, names and saved bytes.
 */
class ChannelPaddingTest {

    static final String CASES = """
            3, 8, 8, 3, 8
            3, 1, 8, 3, 8
            3, 8, 4, 3, 8
            3, 16, 24, 3, 6
            3, 8, 12, 3, 8
            3, 24, 16, 3, 6
            3, 40, 16, 3, 5
            3, 12, 16, 3, 6
            3, 20, 16, 3, 6
            3, 52, 32, 3, 4
            3, 24, 16, 1, 6
            3, 52, 8, 1, 6
            2, 8, 8, 3, 16
            2, 8, 8, 7, 12
            2, 24, 16, 3, 12
            3, 8, 16, 3, 8
            """;

    /** Output of the network's convolution, training and inference, against a direct computation. */
    @ParameterizedTest(name = "{0}D, {1} → {2} filters, kernel {3}, side {4}")
    @CsvSource(textBlock = CASES)
    void forwardPassIsTheConvolution(int dims, int in, int filters, int kernel, int side) {
        Case c = new Case(dims, in, filters, kernel, side);
        try (NDManager m = NDManager.newBaseManager()) {
            c.conv.initialize(m, DataType.FLOAT32, c.shape);
            NDArray x = m.randomNormal(c.shape);
            double[] expected = c.direct(x.toFloatArray(), c.weights());
            for (boolean training : new boolean[]{true, false}) {
                float[] y = c.conv.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow()
                        .toFloatArray();
                assertThat(y).hasSize(expected.length);
                for (int i = 0; i < y.length; i++) {
                    assertThat((double) y[i]).as("training %s, value %d", training, i).isCloseTo(expected[i],
                            within(1e-4 * (1 + Math.abs(expected[i]))));
                }
            }
        }
    }

    /**
     * The loss {@code Σ conv(x) · g} is linear in {@code x}, so for any direction {@code v} the input gradient must
     * give {@code ⟨∇x, v⟩ = Σ conv(v) · g}, here computed directly.
     */
    @ParameterizedTest(name = "{0}D, {1} → {2} filters, kernel {3}, side {4}")
    @CsvSource(textBlock = CASES)
    void inputGradientIsRight(int dims, int in, int filters, int kernel, int side) {
        Case c = new Case(dims, in, filters, kernel, side);
        try (NDManager m = NDManager.newBaseManager()) {
            c.conv.initialize(m, DataType.FLOAT32, c.shape);
            for (int repeat = 0; repeat < 3; repeat++) {
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.randomNormal(c.shape);
                    NDArray v = sub.randomNormal(c.shape);
                    x.setRequiresGradient(true);
                    NDArray g;
                    synchronized (EngineLock.LOCK) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray y = c.conv.forward(new ParameterStore(sub, false), new NDList(x), true)
                                    .singletonOrThrow();
                            g = sub.randomNormal(y.getShape());
                            gc.backward(y.mul(g).sum());
                        }
                    }
                    double viaGradient = x.getGradient().mul(v).sum().getFloat();
                    double[] cv = c.direct(v.toFloatArray(), c.weights());
                    float[] gv = g.toFloatArray();
                    double viaForward = 0;
                    for (int i = 0; i < cv.length; i++) {
                        viaForward += cv[i] * gv[i];
                    }
                    assertThat(viaGradient).as("⟨∇x, v⟩ against Σ conv(v)·g").isCloseTo(viaForward,
                            within(1e-4 * Math.abs(viaForward) + 1e-2));
                }
            }
        }
    }

    /** One convolution of the networks' kind (stride 1, "same" padding, no bias) and its direct computation. */
    private static final class Case {
        final int dims;
        final int in;
        final int filters;
        final int kernel;
        final int side;
        final Shape shape;
        final Block conv;

        Case(int dims, int in, int filters, int kernel, int side) {
            this.dims = dims;
            this.in = in;
            this.filters = filters;
            this.kernel = kernel;
            this.side = side;
            long[] k = dims == 3 ? new long[]{kernel, kernel, kernel} : new long[]{kernel, kernel};
            long[] pad = dims == 3
                    ? new long[]{kernel / 2, kernel / 2, kernel / 2}
                    : new long[]{kernel / 2, kernel / 2};
            conv = dims == 3
                    ? Conv3d.builder().setFilters(filters).setKernelShape(new Shape(k)).optPadding(new Shape(pad))
                            .optBias(false).build()
                    : Conv2d.builder().setFilters(filters).setKernelShape(new Shape(k)).optPadding(new Shape(pad))
                            .optBias(false).build();
            shape = dims == 3 ? new Shape(2, in, side, side, side) : new Shape(2, in, side, side);
        }

        float[] weights() {
            return conv.getParameters().get("weight").getArray().toFloatArray();
        }

        /** The convolution summed in double precision, output {@code N × filters × spatial} flattened. */
        double[] direct(float[] x, float[] w) {
            int depth = dims == 3 ? side : 1;
            int kd = dims == 3 ? kernel : 1;
            int spatial = depth * side * side;
            int taps = kd * kernel * kernel;
            int half = kernel / 2;
            double[] y = new double[2 * filters * spatial];
            for (int n = 0; n < 2; n++) {
                for (int o = 0; o < filters; o++) {
                    for (int d = 0; d < depth; d++) {
                        for (int h = 0; h < side; h++) {
                            for (int q = 0; q < side; q++) {
                                double acc = 0;
                                for (int c = 0; c < in; c++) {
                                    for (int a = 0; a < kd; a++) {
                                        int dd = d + a - (dims == 3 ? half : 0);
                                        if (dd < 0 || dd >= depth) {
                                            continue;
                                        }
                                        for (int b = 0; b < kernel; b++) {
                                            int hh = h + b - half;
                                            if (hh < 0 || hh >= side) {
                                                continue;
                                            }
                                            for (int e = 0; e < kernel; e++) {
                                                int ww = q + e - half;
                                                if (ww >= 0 && ww < side) {
                                                    acc += (double) x[(n * in + c) * spatial + (dd * side + hh) * side
                                                            + ww]
                                                            * w[(o * in + c) * taps + (a * kernel + b) * kernel + e];
                                                }
                                            }
                                        }
                                    }
                                }
                                y[(n * filters + o) * spatial + (d * side + h) * side + q] = acc;
                            }
                        }
                    }
                }
            }
            return y;
        }
    }

    @Test
    void trainingPassGivesTheUnpaddedOutput() {
        Shape shape = new Shape(2, 8, 12, 12, 12);
        try (NDManager m = NDManager.newBaseManager()) {
            Block ours = Conv3d.builder().setFilters(8).setKernelShape(new Shape(3, 3, 3))
                    .optPadding(new Shape(1, 1, 1)).optBias(true).build();
            ours.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomNormal(shape);
            NDArray w = ours.getParameters().get("weight").getArray();
            NDArray b = m.randomNormal(new Shape(8));
            ours.getParameters().get("bias").getArray().set(b.toFloatArray());
            float[] expected = DjlConvolutions.conv3d(x, w, b, new Shape(1, 1, 1)).toFloatArray();
            float[] training = ours.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow()
                    .toFloatArray();
            assertThat(training).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(training[i]).isCloseTo(expected[i], within(1e-5f * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void sameParameterNamesAndSavedBytesAsDjlsBlocks() throws IOException {
        Shape s3 = new Shape(1, 2, 8, 8, 8);
        Shape s2 = new Shape(1, 2, 16, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            Block djl3 = new SequentialBlock().add(DjlConvolutions.conv3d(8, new Shape(3, 3, 3), false));
            Block ours3 = new SequentialBlock()
                    .add(Conv3d.builder().setFilters(8).setKernelShape(new Shape(3, 3, 3)).optBias(false).build());
            Block djl2 = new SequentialBlock().add(DjlConvolutions.conv2d(8, new Shape(3, 3), true));
            Block ours2 = new SequentialBlock()
                    .add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).build());
            for (Block[] pair : new Block[][]{{djl3, ours3}, {djl2, ours2}}) {
                Shape s = pair[0] == djl3 ? s3 : s2;
                pair[0].initialize(m, DataType.FLOAT32, s);
                pair[1].initialize(m, DataType.FLOAT32, s);
                assertThat(pair[1].getParameters().keys()).isEqualTo(pair[0].getParameters().keys());
                for (int i = 0; i < pair[0].getParameters().size(); i++) {
                    pair[1].getParameters().get(i).getValue().getArray()
                            .set(pair[0].getParameters().get(i).getValue().getArray().toFloatArray());
                }
                assertThat(saved(pair[1])).isEqualTo(saved(pair[0]));
            }
        }
    }

    private static byte[] saved(Block b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            b.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void padsOnlyWhereTheEngineNeedsIt() {
        int block = ChannelPadding.block();
        assertThat(block).isIn(8, 16);
        Shape k3 = new Shape(3, 3, 3);
        assertThat(ChannelPadding.needed(block / 2, 8, k3, 1, true, false)).isTrue();
        assertThat(ChannelPadding.needed(4, 8, k3, 1, true, false)).isTrue();
        assertThat(ChannelPadding.needed(2L * block, 8, k3, 1, true, false)).isFalse();
        assertThat(ChannelPadding.needed(2L * block, block + 8, k3, 1, true, false)).as("input channels").isTrue();
        assertThat(ChannelPadding.needed(2L * block, 1, k3, 1, true, false)).as("one input channel").isFalse();
        assertThat(ChannelPadding.paddedIn(block + 8)).isEqualTo(2L * block);
        assertThat(ChannelPadding.paddedIn(block - 4)).isEqualTo(block - 4);
        assertThat(ChannelPadding.paddedOut(4)).isEqualTo(block);
        assertThat(ChannelPadding.needed(4, 8, new Shape(1, 1, 1), 1, true, false)).as("1×1 kernels").isFalse();
        assertThat(ChannelPadding.needed(4, 8, k3, 1, false, false)).as("inference").isFalse();
        assertThat(ChannelPadding.needed(4, 8, k3, 1, true, true)).as("GPU").isFalse();
        assertThat(ChannelPadding.needed(4, 8, k3, 4, true, false)).as("grouped").isFalse();
    }
}
