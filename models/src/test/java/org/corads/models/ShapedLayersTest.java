package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.corads.models.covnet.ResNet50;
import org.corads.models.i3d.I3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layers without parameters that the networks use ({@link Layers}): each states DJL's block's output shape and
 * computes its numbers; a network built of them saves DJL's bytes under DJL's names; and asking a shape computes
 * nothing, so that a full-size network initialises without running a layer (an input far too large to allocate
 * proves it).
 */
class ShapedLayersTest {
    /** Far too large to allocate: 64 × 2 × 1024 × 2048 × 2048 floats (2 PiB). */
    private static final Shape HUGE = new Shape(64, 2, 1024, 2048, 2048);

    static Stream<Arguments> layers() {
        Shape k3 = new Shape(3, 3, 3);
        Shape one = new Shape(1, 1, 1);
        return Stream.of(Arguments.of("relu", Layers.relu(), Activation.reluBlock(), new Shape(2, 3, 5, 6, 7)),
                Arguments.of("identity", Layers.identity(), Blocks.identityBlock(), new Shape(2, 3, 5, 6, 7)),
                Arguments.of("I3D stem pool",
                        Layers.maxPool3d(new Shape(1, 3, 3), new Shape(1, 2, 2), new Shape(0, 1, 1)),
                        Pool.maxPool3dBlock(new Shape(1, 3, 3), new Shape(1, 2, 2), new Shape(0, 1, 1)),
                        new Shape(1, 4, 9, 10, 11)),
                Arguments.of("strided pool", Layers.maxPool3d(k3, new Shape(2, 2, 2), one),
                        Pool.maxPool3dBlock(k3, new Shape(2, 2, 2), one), new Shape(2, 3, 7, 8, 9)),
                Arguments.of("odd sizes halved",
                        Layers.maxPool3d(new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0)),
                        Pool.maxPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0)),
                        new Shape(1, 2, 5, 7, 9)),
                Arguments.of("branch pool", Layers.maxPool3d(k3, one, one), Pool.maxPool3dBlock(k3, one, one),
                        new Shape(1, 3, 4, 5, 6)),
                Arguments.of("2D pool", Layers.maxPool2d(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)),
                        Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)),
                        new Shape(2, 3, 11, 12)),
                Arguments.of("3D global average", Layers.globalAvgPool3d(), Pool.globalAvgPool3dBlock(),
                        new Shape(2, 3, 4, 5, 6)),
                Arguments.of("2D global average", Layers.globalAvgPool2d(), Pool.globalAvgPool2dBlock(),
                        new Shape(2, 3, 5, 6)),
                Arguments.of("flatten", Layers.batchFlatten(), Blocks.batchFlattenBlock(), new Shape(2, 3, 4, 5, 6)),
                Arguments.of("flatten pooled", Layers.batchFlatten(), Blocks.batchFlattenBlock(), new Shape(2, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void eachLayerStatesDjlsShapeAndComputesDjlsNumbers(String name, Block ours, Block djl, Shape in) {
        try (NDManager m = NDManager.newBaseManager()) {
            ours.initialize(m, DataType.FLOAT32, in);
            djl.initialize(m, DataType.FLOAT32, in);
            assertThat(ours.getOutputShapes(new Shape[]{in})).isEqualTo(djl.getOutputShapes(new Shape[]{in}));
            NDArray x = m.randomNormal(in);
            NDArray a = ours.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            NDArray b = djl.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertThat(a.getShape()).isEqualTo(ours.getOutputShapes(new Shape[]{in})[0]);
            assertThat(a.toFloatArray()).containsExactly(b.toFloatArray());
        }
    }

    /** A residual unit and an Inception-like join, built of these layers and of DJL's. */
    private static Block residual(boolean ours) {
        Block branch = Layers.unit2d(4, 3, 1, true);
        Block shortcut = ours ? Layers.identity() : Blocks.identityBlock();
        Block sum = ours
                ? Layers.sum(List.of(branch, shortcut))
                : new ParallelBlock(
                        list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        List.of(branch, shortcut));
        List<Block> three = List.of(Layers.unit2d(2, 1, 1, true), Layers.unit2d(3, 3, 1, true),
                ours
                        ? Layers.maxPool2d(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1))
                        : Pool.maxPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1)));
        Block concat = ours
                ? Layers.concatChannels(three)
                : new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow()
                        .concat(list.get(1).singletonOrThrow(), 1).concat(list.get(2).singletonOrThrow(), 1)), three);
        return new SequentialBlock().add(sum).add(ours ? Layers.relu() : Activation.reluBlock()).add(concat)
                .add(ours ? Layers.globalAvgPool2d() : Pool.globalAvgPool2dBlock())
                .add(ours ? Layers.batchFlatten() : Blocks.batchFlattenBlock());
    }

    @Test
    void joinsStateTheirShapeAndANetworkOfTheseLayersSavesDjlsBytesUnderDjlsNames() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 4, 9, 10);
            Block ours = residual(true);
            Block djl = residual(false);
            for (Block b : List.of(ours, djl)) {
                b.setInitializer(new ConstantInitializer(0.25f), Parameter.Type.WEIGHT);
                b.initialize(m, DataType.FLOAT32, in);
            }
            assertThat(ours.getOutputShapes(new Shape[]{in})).isEqualTo(djl.getOutputShapes(new Shape[]{in}))
                    .containsExactly(new Shape(2, 9));
            assertThat(names(ours)).isEqualTo(names(djl)).isNotEmpty();
            assertThat(ours.toString()).isEqualTo(djl.toString());
            assertThat(saved(ours)).isEqualTo(saved(djl));
            NDArray x = m.randomNormal(in);
            assertThat(
                    ours.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray())
                    .containsExactly(djl.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                            .toFloatArray());
        }
    }

    @Test
    void fullNetworksStateTheirShapesWithoutComputingAnything() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block i3d = I3d.build(1, 1f, 0.5f);
            i3d.initialize(m, DataType.FLOAT32, HUGE);
            assertThat(i3d.getOutputShapes(new Shape[]{HUGE})).containsExactly(new Shape(64, 1));
            Block resnet = ResNet50.features(1f);
            Shape slices = new Shape(4096, 3, 2048, 2048);
            resnet.initialize(m, DataType.FLOAT32, slices);
            assertThat(resnet.getOutputShapes(new Shape[]{slices})).containsExactly(new Shape(4096, 2048));
        }
    }

    @Test
    void smallNetworksStateTheShapeTheyCompute() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block i3d = I3d.build(5, 0.25f, 0f);
            Shape in = new Shape(2, 2, 16, 33, 35);
            i3d.initialize(m, DataType.FLOAT32, in);
            NDArray y = i3d.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false)
                    .singletonOrThrow();
            assertThat(i3d.getOutputShapes(new Shape[]{in})).containsExactly(y.getShape());
            Block resnet = ResNet50.features(0.125f);
            Shape slices = new Shape(3, 3, 37, 41);
            resnet.initialize(m, DataType.FLOAT32, slices);
            NDArray f = resnet.forward(new ParameterStore(m, false), new NDList(m.randomNormal(slices)), false)
                    .singletonOrThrow();
            assertThat(resnet.getOutputShapes(new Shape[]{slices})).containsExactly(f.getShape());
        }
    }

    private static List<String> names(Block b) {
        List<String> n = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            n.add(p.getKey());
        }
        return n;
    }

    private static byte[] saved(Block b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            b.saveParameters(out);
        }
        return bytes.toByteArray();
    }
}
