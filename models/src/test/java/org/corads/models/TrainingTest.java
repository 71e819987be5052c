package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.corads.models.covnet.CovNet;
import org.corads.models.i3d.I3d;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.Sample;
import org.corads.models.train.TrainConfig;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny configurations on the CPU: reproducibility, resume after a crash, and refusals. */
class TrainingTest {
    static final TrainConfig TINY = new TrainConfig("3d-tiny", true, Head.CONTINUOUS, 1, 0.0625f, 8, 32, 42, 1e-3f, 2,
            12, 4, 100, true);

    @TempDir
    Path dir;

    /** Grade shows as brightness of a central blob, plus noise. */
    static List<Sample> samples(int n, long seed, int len) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int grade = 1 + i % 5;
            float[] d = new float[len];
            for (int k = 0; k < len; k++) {
                d[k] = (float) (0.1 * r.nextGaussian() + (k % 32 > 8 && k % 32 < 24 ? grade * 0.15 : 0));
            }
            out.add(new Sample("s" + i, d, grade));
        }
        return out;
    }

    static final int LEN = 8 * 32 * 32;

    @Test
    void theSameSeedGivesTheSameCurveAndAResumedRunEndsLikeAnUninterruptedOne() throws Exception {
        List<Sample> train = samples(20, 1, LEN);
        List<Sample> val = samples(10, 2, LEN);
        ClassifierTrainer.State a = new ClassifierTrainer(TINY).train(train, val, dir.resolve("a"), dir.resolve("ca"), s -> { });
        ClassifierTrainer.State b = new ClassifierTrainer(TINY).train(train, val, dir.resolve("b"), dir.resolve("cb"), s -> { });
        assertThat(a.curve()).hasSize(3);
        assertThat(b.curve()).isEqualTo(a.curve());
        assertThat(Files.readAllBytes(dir.resolve("b/model.params"))).isEqualTo(Files.readAllBytes(dir.resolve("a/model.params")));

        // a run that dies right after its checkpoint at iteration 8, then resumed with the same checkpoint folder
        assertThatThrownBy(() -> new ClassifierTrainer(TINY).train(train, val, dir.resolve("c"), dir.resolve("cc"), s -> {
            if (s.contains("iteration 8/")) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
        assertThat(dir.resolve("c/model.json")).doesNotExist();
        ClassifierTrainer.State c = new ClassifierTrainer(TINY).train(train, val, dir.resolve("c"), dir.resolve("cc"), s -> { });
        assertThat(c.curve()).isEqualTo(a.curve());
        assertThat(Files.readAllBytes(dir.resolve("c/model.params"))).isEqualTo(Files.readAllBytes(dir.resolve("a/model.params")));
    }

    @Test
    void refusesWrongShapesNanLossAndExistingModels() throws Exception {
        List<Sample> val = samples(5, 2, LEN);
        assertThatThrownBy(() -> new ClassifierTrainer(TINY).train(samples(5, 1, LEN - 1), val, dir.resolve("x"),
                dir.resolve("cx"), s -> { })).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has 8191 values; the model expects 1 × 8 × 32 × 32 = 8192");
        List<Sample> nan = samples(5, 1, LEN);
        nan.replaceAll(s -> new Sample(s.id(), fill(Float.NaN), s.grade()));
        assertThatThrownBy(() -> new ClassifierTrainer(TINY).train(nan, val, dir.resolve("n"), dir.resolve("cn"), s -> { }))
                .hasMessageContaining("loss became NaN");
        assertThat(dir.resolve("n/model.json")).doesNotExist();
        new ClassifierTrainer(TINY.withMaxIterations(2)).train(samples(5, 1, LEN), val, dir.resolve("m"), dir.resolve("cm"), s -> { });
        assertThatThrownBy(() -> new ClassifierTrainer(TINY.withMaxIterations(2)).train(samples(5, 1, LEN), val,
                dir.resolve("m"), dir.resolve("cm2"), s -> { })).hasMessageContaining("already holds a model");
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefused() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block cov = new CovNet(1, 0.0625f);
            cov.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 16, 16));
            Path f = dir.resolve("covnet.params");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
                cov.saveParameters(out);
            }
            Block i3d = I3d.build(1, 0.0625f, 0.5f);
            i3d.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 32, 32));
            assertThatThrownBy(() -> ClassifierTrainer.loadParams(i3d, m, f)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("covnet.params").hasMessageContaining("do not fit this architecture");
        }
    }

    static float[] fill(float v) {
        float[] a = new float[LEN];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
