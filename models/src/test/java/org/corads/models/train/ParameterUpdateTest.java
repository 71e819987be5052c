package org.corads.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.corads.models.Layers;
import org.junit.jupiter.api.Test;

/**
 * The direct parameter update gives the trainer's step bit for bit over several Adam steps of a small 3D network
 * (convolution, batch norm, ReLU, pooling, dense head), and leaves every gradient at zero for the next pass.
 */
class ParameterUpdateTest {
    private static final Shape INPUT = new Shape(2, 2, 6, 8, 8);

    private static Block net() {
        return new SequentialBlock().add(Layers.unit3d(4, 3, 1)).add(Layers.unit3d(6, 1, 1))
                .add(Pool.globalAvgPool3dBlock()).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    /** Trains {@code steps} Adam steps on fixed random batches; returns every parameter's values afterwards. */
    private static List<float[]> train(boolean direct, int steps) {
        return train(direct, steps, false);
    }

    /** As above; {@code readNorm}: the gradients' norm is read before each direct step and checked by hand. */
    private static List<float[]> train(boolean direct, int steps, boolean readNorm) {
        try (Model m = Model.newInstance("p")) {
            m.setBlock(net());
            ResumableAdam adam = new ResumableAdam(1e-2f);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(adam).optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            try (Trainer t = m.newTrainer(tc)) {
                Engine.getInstance().setRandomSeed(7);
                t.initialize(INPUT);
                adam.useNames(m.getBlock());
                ParameterUpdate update = new ParameterUpdate(t, adam);
                assertThat(update.direct()).isTrue();
                NDManager nd = t.getManager();
                for (int i = 0; i < steps; i++) {
                    try (NDManager sub = nd.newSubManager()) {
                        NDArray x = sub.randomNormal(INPUT);
                        NDArray y = sub.create(new float[]{i % 2, 1 - i % 2}, new Shape(2, 1));
                        try (GradientCollector gc = t.newGradientCollector()) {
                            if (!direct) {
                                zeroGradients(m.getBlock());
                            }
                            gc.backward(t.getLoss().evaluate(new NDList(y), t.forward(new NDList(x))));
                            if (direct) {
                                if (readNorm) {
                                    double sum = 0;
                                    for (var p : m.getBlock().getParameters()) {
                                        NDArray a = p.getValue().getArray();
                                        if (p.getValue().requiresGradient()) {
                                            try (NDArray g = a.getGradient()) {
                                                for (float v : g.toFloatArray()) {
                                                    sum += (double) v * v;
                                                }
                                            }
                                        }
                                    }
                                    assertThat(update.gradientNorm()).isPositive().isCloseTo(Math.sqrt(sum),
                                            within(1e-4 * Math.sqrt(sum)));
                                }
                                update.step();
                            } else {
                                t.step();
                            }
                        }
                    }
                }
                List<float[]> out = new ArrayList<>();
                for (var p : m.getBlock().getParameters()) {
                    NDArray a = p.getValue().getArray();
                    out.add(a.toFloatArray());
                    if (direct && a.hasGradient()) {
                        try (NDArray g = a.getGradient()) {
                            assertThat(g.abs().max().getFloat()).as(p.getKey()).isZero();
                        }
                    }
                }
                return out;
            }
        }
    }

    private static void zeroGradients(Block block) {
        for (var p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.hasGradient()) {
                try (NDArray g = a.getGradient()) {
                    g.muli(0);
                }
            }
        }
    }

    @Test
    void givesTheTrainersStepBitForBit() {
        List<float[]> byTrainer = train(false, 5);
        List<float[]> direct = train(true, 5);
        List<float[]> start = train(true, 0);
        assertThat(direct).hasSameSizeAs(byTrainer);
        for (int i = 0; i < direct.size(); i++) {
            assertThat(direct.get(i)).as("parameter %d", i).containsExactly(byTrainer.get(i));
        }
        // the steps moved the weights (a comparison of two untrained copies would pass as well)
        assertThat(direct.get(0)).isNotEqualTo(start.get(0));
    }

    @Test
    void readingTheGradientNormChangesNothing() {
        List<float[]> plain = train(true, 4, false);
        List<float[]> read = train(true, 4, true);
        for (int i = 0; i < plain.size(); i++) {
            assertThat(read.get(i)).as("parameter %d", i).containsExactly(plain.get(i));
        }
    }
}
