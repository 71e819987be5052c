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

    /**
     * The loss {@code Σ conv(x) · g} is linear in {@code x}, so for any direction {@code v} the input gradient must
     * give {@code ⟨∇x, v⟩ = Σ conv(v) · g}, a forward pass alone (which the engine gets right).
     */
    @ParameterizedTest(name = "{0}D, {1} → {2} filters, kernel {3}, side {4}")
    @CsvSource({"3, 8, 8, 3, 16", "3, 1, 8, 3, 16", "3, 8, 4, 3, 16", "3, 16, 24, 3, 8", "3, 8, 12, 3, 8",
            "2, 8, 8, 3, 32", "2, 8, 8, 7, 32", "3, 8, 16, 3, 8"})
    void inputGradientsAreRight(int dims, int in, int filters, int kernel, int side) {
        long[] k = dims == 3 ? new long[]{kernel, kernel, kernel} : new long[]{kernel, kernel};
        long[] pad = dims == 3 ? new long[]{kernel / 2, kernel / 2, kernel / 2} : new long[]{kernel / 2, kernel / 2};
        Block conv = dims == 3
                ? Conv3d.builder().setFilters(filters).setKernelShape(new Shape(k)).optPadding(new Shape(pad))
                        .optBias(false).build()
                : Conv2d.builder().setFilters(filters).setKernelShape(new Shape(k)).optPadding(new Shape(pad))
                        .optBias(false).build();
        Shape shape = dims == 3 ? new Shape(2, in, side, side, side) : new Shape(2, in, side, side);
        try (NDManager m = NDManager.newBaseManager()) {
            conv.initialize(m, DataType.FLOAT32, shape);
            for (int repeat = 0; repeat < 5; repeat++) {
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.randomNormal(shape);
                    NDArray v = sub.randomNormal(shape);
                    x.setRequiresGradient(true);
                    NDArray g;
                    synchronized (EngineLock.LOCK) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray y = conv.forward(new ParameterStore(sub, false), new NDList(x), true)
                                    .singletonOrThrow();
                            g = sub.randomNormal(y.getShape());
                            gc.backward(y.mul(g).sum());
                        }
                    }
                    double viaGradient = x.getGradient().mul(v).sum().getFloat();
                    double viaForward = conv.forward(new ParameterStore(sub, false), new NDList(v), false)
                            .singletonOrThrow().mul(g).sum().getFloat();
                    assertThat(viaGradient).as("⟨∇x, v⟩ against Σ conv(v)·g").isCloseTo(viaForward,
                            within(1e-4 * Math.abs(viaForward) + 1e-2));
                }
            }
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
        assertThat(ChannelPadding.needed(block / 2, k3, 1, true, false)).isTrue();
        assertThat(ChannelPadding.needed(4, k3, 1, true, false)).isTrue();
        assertThat(ChannelPadding.needed(2L * block, k3, 1, true, false)).isFalse();
        assertThat(ChannelPadding.needed(4, new Shape(1, 1, 1), 1, true, false)).as("1×1 kernels").isFalse();
        assertThat(ChannelPadding.needed(4, k3, 1, false, false)).as("inference").isFalse();
        assertThat(ChannelPadding.needed(4, k3, 1, true, true)).as("GPU").isFalse();
        assertThat(ChannelPadding.needed(4, k3, 4, true, false)).as("grouped").isFalse();
    }
}
