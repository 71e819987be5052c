package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The channel batch norm ({@link Layers#batchNorm}) against DJL's own block: the same numbers, names and saved form.
 */
class BatchNormTest {
    private static final Shape INPUT = new Shape(2, 3, 4, 5, 6);

    @Test
    void trainingAndInferenceGiveDjlsNumbersBitForBit() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block djl = new SequentialBlock().add(BatchNorm.builder().optEpsilon(1e-3f).build());
            Block ours = new SequentialBlock().add(Layers.batchNorm(1e-3f));
            djl.initialize(m, DataType.FLOAT32, INPUT);
            ours.initialize(m, DataType.FLOAT32, INPUT);
            m.getEngine().setRandomSeed(3);
            for (Pair<String, Parameter> p : djl.getParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(m.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
            }
            ours.loadParameters(m, reopen(saved(djl)));
            assertThat(names(ours)).isEqualTo(names(djl)).contains("01BatchNorm_gamma", "01BatchNorm_runningVar");

            NDArray x = m.randomNormal(0, 2, INPUT, DataType.FLOAT32);
            float[][] a = trainStep(m, djl, x);
            float[][] b = trainStep(m, ours, x);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i])
                        .as("output, input gradient, gamma and beta gradients, running mean and variance [%d]", i)
                        .containsExactly(a[i]);
            }
            float[] inferDjl = djl.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
            float[] inferOurs = ours.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();
            assertThat(inferOurs).containsExactly(inferDjl);
            assertThat(saved(ours)).isEqualTo(saved(djl));
        }
    }

    /** One training forward and backward: output, input gradient, γ and β gradients, running statistics after. */
    private static float[][] trainStep(NDManager m, Block block, NDArray input) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        try (NDManager sub = m.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(sub);
            x.setRequiresGradient(true);
            List<float[]> out = new ArrayList<>();
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(sub, false), new NDList(x), true).head();
                gc.backward(y.mul(y.getManager().arange((float) y.size()).reshape(y.getShape())).sum());
                out.add(y.toFloatArray());
                out.add(x.getGradient().toFloatArray());
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray a = p.getValue().getArray();
                    out.add(p.getValue().requiresGradient() ? a.getGradient().toFloatArray() : a.toFloatArray());
                }
            }
            return out.toArray(float[][]::new);
        }
    }

    private static List<String> names(Block b) {
        return b.getParameters().keys();
    }

    private static byte[] saved(Block b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            b.saveParameters(os);
        }
        return bytes.toByteArray();
    }

    private static DataInputStream reopen(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

}
