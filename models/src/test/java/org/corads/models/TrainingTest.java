package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.corads.models.covnet.CovNet;
import org.corads.models.i3d.I3d;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.Ensemble;
import org.corads.models.train.ModelCard;
import org.corads.models.train.Pretraining;
import org.corads.models.train.Sample;
import org.corads.models.train.TrainConfig;
import org.corads.models.transfer.Tensor;
import org.corads.models.transfer.WeightImport;
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
        ClassifierTrainer.State a = new ClassifierTrainer(TINY).train(train, val, dir.resolve("a"), dir.resolve("ca"),
                s -> {});
        ClassifierTrainer.State b = new ClassifierTrainer(TINY).train(train, val, dir.resolve("b"), dir.resolve("cb"),
                s -> {});
        assertThat(a.curve()).hasSize(3);
        assertThat(b.curve()).isEqualTo(a.curve());
        assertThat(Files.readAllBytes(dir.resolve("b/model.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/model.params")));

        // a run that dies right after its checkpoint at iteration 8, then resumed with the same checkpoint folder
        assertThatThrownBy(
                () -> new ClassifierTrainer(TINY).train(train, val, dir.resolve("c"), dir.resolve("cc"), s -> {
                    if (s.contains("iteration 8/")) {
                        throw new IllegalStateException("killed");
                    }
                })).hasMessage("killed");
        assertThat(dir.resolve("c/model.json")).doesNotExist();
        ClassifierTrainer.State c = new ClassifierTrainer(TINY).train(train, val, dir.resolve("c"), dir.resolve("cc"),
                s -> {});
        assertThat(c.curve()).isEqualTo(a.curve());
        assertThat(Files.readAllBytes(dir.resolve("c/model.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a/model.params")));
    }

    @Test
    void refusesWrongShapesNanLossAndExistingModels() throws Exception {
        List<Sample> val = samples(5, 2, LEN);
        assertThatThrownBy(() -> new ClassifierTrainer(TINY).train(samples(5, 1, LEN - 1), val, dir.resolve("x"),
                dir.resolve("cx"), s -> {})).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has 8191 values; the model expects 1 × 8 × 32 × 32 = 8192");
        List<Sample> nan = samples(5, 1, LEN);
        nan.replaceAll(s -> new Sample(s.id(), fill(Float.NaN), s.grade()));
        assertThatThrownBy(
                () -> new ClassifierTrainer(TINY).train(nan, val, dir.resolve("n"), dir.resolve("cn"), s -> {}))
                .hasMessageContaining("loss became NaN");
        assertThat(dir.resolve("n/model.json")).doesNotExist();
        new ClassifierTrainer(TINY.withMaxIterations(2)).train(samples(5, 1, LEN), val, dir.resolve("m"),
                dir.resolve("cm"), s -> {});
        assertThatThrownBy(() -> new ClassifierTrainer(TINY.withMaxIterations(2)).train(samples(5, 1, LEN), val,
                dir.resolve("m"), dir.resolve("cm2"), s -> {})).hasMessageContaining("already holds a model");
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

    /** A checkpoint folder that cannot be resumed is refused in one line that says how to start over. */
    @Test
    void aDamagedCheckpointIsRefusedSayingHowToStartOver() throws Exception {
        TrainConfig cfg = TINY.withMaxIterations(4);
        List<Sample> train = samples(4, 1, LEN);
        new ClassifierTrainer(cfg).train(train, train, dir.resolve("m"), dir.resolve("ok"), s -> {});
        Map<String, String> damage = Map.of("checkpoint.json:null",
                "is not a training checkpoint: it has no " + "configuration", "checkpoint.json:{\"broken",
                "is not a training checkpoint", "optimizer.bin:", "optimizer.bin: is not a complete optimizer state",
                "checkpoint.params:", "checkpoint.params: is truncated", "optimizer.bin:-", "without optimizer.bin");
        int k = 0;
        for (var d : damage.entrySet()) {
            Path ckpt = dir.resolve("c" + k++);
            Files.createDirectories(ckpt);
            try (var files = Files.list(dir.resolve("ok"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, ckpt.resolve(f.getFileName()));
                }
            }
            String[] fileAndContent = d.getKey().split(":", 2);
            Path f = ckpt.resolve(fileAndContent[0]);
            if (fileAndContent[1].equals("-")) {
                Files.delete(f);
            } else if (fileAndContent[1].isEmpty()) {
                Files.write(f, Arrays.copyOf(Files.readAllBytes(f), (int) Files.size(f) / 2));
            } else {
                Files.writeString(f, fileAndContent[1]);
            }
            assertThatThrownBy(() -> new ClassifierTrainer(cfg).train(train, train,
                    dir.resolve("n" + ckpt.getFileName()), ckpt, s -> {})).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(d.getValue())
                    .hasMessageEndingWith("delete " + ckpt + " to train from the start")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    static float[] fill(float v) {
        float[] a = new float[LEN];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void preTrainingOnTheProxyTaskInitialisesAClassifierAndSeedsFormAnEnsemble() throws Exception {
        TrainConfig arm = new TrainConfig("3d-tiny-cat", true, Head.CATEGORICAL, 2, 0.0625f, 8, 32, 5, 1e-3f, 2, 4, 2,
                100, false);
        List<Sample> two = new ArrayList<>();
        for (Sample s : samples(12, 1, 2 * LEN)) {
            float[] d = s.data().clone();
            for (int k = LEN; k < 2 * LEN; k++) {
                d[k] = (k - LEN) % 32 < 2 * s.grade() ? 1 : 0; // lesion fraction grows with the grade
            }
            two.add(new Sample(s.id(), d, s.grade()));
        }
        List<Sample> proxy = Pretraining.proxySamples(two);
        assertThat(proxy.get(0).data()).hasSize(LEN);
        assertThat(proxy.get(0).target()).isCloseTo(Pretraining.target(2.0 / 32), within(1e-6f));
        assertThat(proxy.get(4).target()).isGreaterThan(proxy.get(0).target());
        TrainConfig pc = Pretraining.proxyConfig(arm, "pretrain-3d");
        ClassifierTrainer.State ps = new ClassifierTrainer(pc).train(proxy, proxy, dir.resolve("pre"),
                dir.resolve("cpre"), s -> {}, null, "digest-of-data");
        assertThat(ps.curve().get(0).proxyMae()).isBetween(0.0, 1.0);
        assertThat(ps.curve().get(0).qwk()).isNull();

        Map<String, Tensor> w;
        try (NDManager m = NDManager.newBaseManager()) {
            w = WeightImport.fromParams(dir.resolve("pre/model.params"), ModelCard.newBlock(pc),
                    new Shape(1, 1, 8, 32, 32), m);
        }
        var init = new ClassifierTrainer.Init(w, dir.resolve("pre").toString(), "abc123");
        List<String> log = new ArrayList<>();
        for (long seed : new long[]{1, 2}) {
            new ClassifierTrainer(arm.withSeed(seed)).train(two, two, dir.resolve("m" + seed), dir.resolve("c" + seed),
                    log::add, init, "digest-of-data");
        }
        assertThat(log).anyMatch(l -> l.contains("channel-mapped"));
        ModelCard card = ModelCard.read(dir.resolve("m1"));
        assertThat(card.architecture()).isEqualTo("i3d");
        assertThat(card.dataDigest()).isEqualTo("digest-of-data");
        assertThat(card.initSha256()).isEqualTo("abc123");
        assertThat(card.config().seed()).isEqualTo(1);

        try (NDManager m = NDManager.newBaseManager();
                Ensemble e = new Ensemble(List.of(dir.resolve("m1"), dir.resolve("m2")), m)) {
            Ensemble.Result r = e.grade(two.get(3).data());
            assertThat(r.members()).hasSize(2);
            for (int k = 0; k < 5; k++) {
                assertThat(r.probabilities()[k]).isCloseTo((r.members().get(0)[k] + r.members().get(1)[k]) / 2,
                        within(1e-12));
            }
            assertThat(r.members().get(0)).isNotEqualTo(r.members().get(1));
            assertThat(r.grade()).isEqualTo(Head.CATEGORICAL.grade(r.probabilities()));
            assertThatThrownBy(() -> e.grade(new float[LEN]))
                    .hasMessageContaining("these models expect 2 × 8 × 32 × 32");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Ensemble(List.of(dir.resolve("pre")), m)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("pre-training");
            assertThatThrownBy(() -> new Ensemble(List.of(dir.resolve("cpre")), m))
                    .hasMessageContaining("not a model directory");
        }
    }
}
