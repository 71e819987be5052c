package org.corads.models.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

/** The resumable Adam fits a linear least-squares problem (y = x·[1, 2]) like Adam should. */
class ResumableAdamTest {
    @Test
    void convergesOnALinearProblem() {
        try (Model m = Model.newInstance("p")) {
            m.setBlock(Linear.builder().setUnits(1).build());
            ResumableAdam adam = new ResumableAdam(0.05f);
            try (Trainer t = m.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam))) {
                t.initialize(new Shape(4, 2));
                adam.useNames(m.getBlock());
                NDArray x = t.getManager().create(new float[] {1, 0, 0, 1, 1, 1, 2, 1}, new Shape(4, 2));
                NDArray y = t.getManager().create(new float[] {1, 2, 3, 4}, new Shape(4, 1));
                for (int i = 0; i < 300; i++) {
                    try (GradientCollector gc = t.newGradientCollector()) {
                        gc.zeroGradients();
                        NDArray loss = t.getLoss().evaluate(new NDList(y), t.forward(new NDList(x)));
                        gc.backward(loss);
                        t.step();
                    }
                }
                float[] w = m.getBlock().getParameters().get(0).getValue().getArray().toFloatArray();
                org.assertj.core.api.Assertions.assertThat(w[0]).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-3f));
                org.assertj.core.api.Assertions.assertThat(w[1]).isCloseTo(2f, org.assertj.core.api.Assertions.within(1e-3f));
            }
        }
    }
}
