package org.corads.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.corads.models.Head;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches prepared ahead on background threads are the batches the loop would prepare itself, so training gives the
 * same curve and the same parameters, byte for byte, whatever the depth.
 */
class PrefetcherTest {
    private static final TrainConfig CFG = new TrainConfig("3d-prefetch", true, Head.CONTINUOUS, 2, 0.0625f, 8, 32, 7,
            1e-3f, 2, 12, 4, 100, true);
    private static final int LEN = 2 * 8 * 32 * 32;

    @TempDir
    Path dir;

    private static List<Sample> samples(int n, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] d = new float[LEN];
            for (int k = 0; k < LEN; k++) {
                d[k] = (float) (0.1 * r.nextGaussian() + (k % 32 > 8 && k % 32 < 24 ? (1 + i % 5) * 0.15 : 0));
            }
            out.add(new Sample("s" + i, d, 1 + i % 5));
        }
        return out;
    }

    @Test
    void batchesPreparedAheadAreTheBatchesPreparedInTurn() {
        Batches b = new Batches(CFG, samples(15, 1));
        for (int ahead : new int[]{0, 1, 3, 8}) {
            try (Prefetcher p = new Prefetcher(b, 5, 20, ahead, "t")) {
                for (int it = 5; it <= 20; it++) {
                    Batches.Batch got = p.take(it);
                    Batches.Batch want = b.of(it);
                    assertThat(got.x()).as("ahead %d, iteration %d", ahead, it).isEqualTo(want.x());
                    assertThat(got.y()).isEqualTo(want.y());
                }
            }
        }
        // iterations differ from one another (the check above is not comparing constants)
        assertThat(b.of(6).x()).isNotEqualTo(b.of(5).x());
    }

    @Test
    void iterationsAreTakenInOrder() {
        try (Prefetcher p = new Prefetcher(new Batches(CFG, samples(5, 2)), 1, 10, 2, "t")) {
            p.take(1);
            assertThatThrownBy(() -> p.take(3)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("iteration 3").hasMessageContaining("expected 2");
        }
    }

    @Test
    void anUnusableDepthIsRefusedInOneLine() {
        for (String bad : new String[]{"-1", "lots", "65"}) {
            System.setProperty(Prefetcher.PROPERTY, bad);
            try {
                assertThatThrownBy(Prefetcher::configuredAhead).isInstanceOf(BadInputException.class)
                        .hasMessage("corads.train.prefetch '" + bad + "': expected a number of batches from 0 to 64");
            } finally {
                System.clearProperty(Prefetcher.PROPERTY);
            }
        }
        assertThat(Prefetcher.configuredAhead()).isEqualTo(Prefetcher.DEFAULT_AHEAD);
    }

    @Test
    void trainingGivesTheSameCurveAndParametersWithAndWithoutBatchesPreparedAhead() throws Exception {
        List<Sample> train = samples(20, 3);
        List<Sample> val = samples(10, 4);
        List<ClassifierTrainer.State> states = new ArrayList<>();
        for (String ahead : new String[]{"0", "4"}) {
            System.setProperty(Prefetcher.PROPERTY, ahead);
            try {
                states.add(new ClassifierTrainer(CFG).train(train, val, dir.resolve("m" + ahead),
                        dir.resolve("c" + ahead), s -> {}));
            } finally {
                System.clearProperty(Prefetcher.PROPERTY);
            }
        }
        assertThat(states.get(0).curve()).hasSize(3);
        assertThat(states.get(1).curve()).isEqualTo(states.get(0).curve());
        assertThat(Files.readAllBytes(dir.resolve("m4/model.params")))
                .isEqualTo(Files.readAllBytes(dir.resolve("m0/model.params")));
    }
}
