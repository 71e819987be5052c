package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.corads.models.covnet.ResNet50;
import org.corads.models.i3d.I3d;
import org.junit.jupiter.api.Test;

/** {@link Inference}: the plain pass's numbers, without its intermediate arrays and without an autograd graph. */
class InferenceTest {

    @Test
    void i3dGivesThePlainPassBitForBitAndLeavesOnlyItsOutput() {
        check(I3d.build(1, 0.125f, 0.5f), new Shape(1, 2, 16, 32, 32));
    }

    @Test
    void resNetFeaturesGiveThePlainPassBitForBitAndLeaveOnlyTheirOutput() {
        // COVNet's ResNet-50 over the slices of a scan, as CovNet runs it in inference
        check(ResNet50.features(0.125f), new Shape(4, 2, 32, 32));
    }

    private static void check(Block block, Shape shape) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomUniform(0, 1, shape);
            float[] plain;
            int plainLeft;
            try (NDManager sub = m.newSubManager()) {
                NDArray in = x.duplicate();
                in.attach(sub);
                plain = block.forward(new ParameterStore(sub, false), new NDList(in), false).singletonOrThrow()
                        .toFloatArray();
                plainLeft = sub.getManagedArrays().size();
            }
            try (NDManager sub = m.newSubManager()) {
                NDArray in = x.duplicate();
                in.attach(sub);
                NDArray out = Inference.forward(block, new ParameterStore(sub, false), in);
                assertThat(out.toFloatArray()).containsExactly(plain);
                assertThat(sub.getManagedArrays()).as("only the input and the output are left").hasSize(2).contains(in,
                        out);
            }
            assertThat(plainLeft).as("the plain pass leaves its intermediate arrays").isGreaterThan(20);
        }
    }

    @Test
    void freesEachLayersArraysBeforeTheNextLayersAreComputed() {
        AtomicReference<NDManager> owner = new AtomicReference<>();
        List<Integer> live = new ArrayList<>();
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < 6; i++) {
            net.add(Layers.unit3d(4, 3, 1));
        }
        // a last layer that counts the arrays alive while it runs (and returns its input unchanged)
        net.add(list -> {
            if (owner.get() != null) { // initialising runs the block too
                live.add(owner.get().getManagedArrays().size());
            }
            return list;
        });
        Shape shape = new Shape(1, 2, 8, 8, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomUniform(0, 1, shape);
            float[] plain;
            try (NDManager sub = m.newSubManager()) {
                owner.set(sub);
                NDArray in = x.duplicate();
                in.attach(sub);
                plain = net.forward(new ParameterStore(sub, false), new NDList(in), false).singletonOrThrow()
                        .toFloatArray();
            }
            try (NDManager sub = m.newSubManager()) {
                owner.set(sub);
                NDArray in = x.duplicate();
                in.attach(sub);
                NDArray out = Inference.forward(net, new ParameterStore(sub, false), in);
                assertThat(out.toFloatArray()).containsExactly(plain);
            }
        }
        // the plain pass: input + 6 × (convolution, normalisation, ReLU); this one: input, last output
        assertThat(live.get(0)).isGreaterThanOrEqualTo(19);
        assertThat(live.get(1)).isLessThanOrEqualTo(2);
        System.out.println("arrays alive at the last layer: plain " + live.get(0) + ", Inference " + live.get(1));
    }

    @Test
    void recordsNoGradientOnAWorkerThreadAndLeavesItsModeAsItWas() throws Exception {
        Block block = I3d.build(1, 0.125f, 0.5f);
        Shape shape = new Shape(1, 2, 16, 32, 32);
        var pool = Executors.newSingleThreadExecutor();
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, shape);
            CompletableFuture.runAsync(() -> {
                // libtorch records gradients by default on every thread but the engine's first
                assertThat(JniUtils.isGradMode()).isTrue();
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.randomUniform(0, 1, shape);
                    NDArray plain = block.forward(new ParameterStore(sub, false), new NDList(x), false)
                            .singletonOrThrow();
                    JniUtils.backward((PtNDArray) plain, (PtNDArray) sub.ones(plain.getShape()), false, false);
                    NDArray lean = Inference.forward(block, new ParameterStore(sub, false), x);
                    assertThatThrownBy(() -> JniUtils.backward((PtNDArray) lean, (PtNDArray) sub.ones(lean.getShape()),
                            false, false)).isInstanceOf(EngineException.class);
                }
                assertThat(JniUtils.isGradMode()).isTrue();
            }, pool).get();
        } finally {
            pool.shutdown();
        }
    }
}
