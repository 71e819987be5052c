package org.corads.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.corads.models.Head;
import org.corads.models.train.Batches;
import org.corads.models.train.ModelCard;
import org.corads.models.train.ParameterUpdate;
import org.corads.models.train.Prefetcher;
import org.corads.models.train.ResumableAdam;
import org.corads.models.train.Sample;
import org.corads.models.train.TrainConfig;

/**
 * Seconds per training iteration of one classifier configuration with three data paths, in one JVM on one network:
 * {@code ready} (the same input tensors every iteration: no data path at all), {@code inline} (each batch drawn and
 * augmented in the loop, as with {@code corads.train.prefetch=0}) and {@code prefetch} (batches prepared ahead on
 * background threads, the default). The modes take turns in blocks of 5 iterations after a warm-up round; medians
 * over N iterations per mode. Usage:
 * {@code DataPathBenchmark <3d|2d> <width> <depth> <size> <batch> <iterations> [ahead [prepare-only]]}.
 */
public final class DataPathBenchmark {

    private DataPathBenchmark() {}

    private enum Mode {
        READY, INLINE, PREFETCH
    }

    private static final int BLOCK = 5;

    public static void main(String[] args) throws Exception {
        boolean threeD = args[0].equals("3d");
        float width = Float.parseFloat(args[1]);
        int depth = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        int iterations = Integer.parseInt(args[5]);
        int ahead = args.length > 6 ? Integer.parseInt(args[6]) : Prefetcher.DEFAULT_AHEAD;
        TrainConfig cfg = new TrainConfig("bench", threeD, Head.CONTINUOUS, 2, width, depth, size, 1, 1e-4f, batch,
                1_000_000, 1_000_000, 1_000_000, true);
        List<Sample> cases = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        int len = 2 * depth * size * size;
        for (int i = 0; i < 20; i++) {
            float[] d = new float[len];
            for (int k = 0; k < len; k++) {
                d[k] = (float) r.nextDouble();
            }
            cases.add(new Sample("c" + i, d, 1 + i % 5));
        }
        Batches batches = new Batches(cfg, cases);
        if (args.length > 7 && args[7].equals("prepare-only")) {
            prepareOnly(batches, iterations, ahead,
                    String.format(Locale.ROOT, "%dx2x%dx%dx%d", batch, depth, size, size));
            return;
        }
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(ModelCard.newBlock(cfg));
            ResumableAdam adam = new ResumableAdam(1e-4f);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Head.CONTINUOUS.loss()).optOptimizer(adam)
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(tc); NDManager fixed = trainer.getManager().newSubManager()) {
                trainer.initialize(cfg.inputShape());
                ParameterUpdate update = new ParameterUpdate(trainer, adam);
                Batches.Batch first = batches.of(1);
                NDArray readyX = fixed.create(first.x(), cfg.inputShape());
                NDArray readyY = fixed.create(first.y(), new Shape(batch, 1));
                System.out.printf(Locale.ROOT, "%s width %s input %dx2x%dx%dx%d, augmentation on, %d threads:%n",
                        threeD ? "I3D" : "COVNet", width, batch, depth, size, size,
                        Runtime.getRuntime().availableProcessors());
                // rounds of BLOCK iterations per mode, the modes taking turns (the first round warms up), so that
                // neither the engine's warm-up nor a slower minute of the machine favours one of them
                int rounds = Math.max(1, iterations / BLOCK);
                double[][] t = new double[Mode.values().length][rounds * BLOCK];
                int[] next = new int[Mode.values().length];
                for (int round = -1; round < rounds; round++) {
                    for (Mode mode : Mode.values()) {
                        // a fresh prefetcher each block: its first batch is waited for, and counted
                        try (Prefetcher prefetcher = new Prefetcher(batches, next[mode.ordinal()] + 1,
                                Integer.MAX_VALUE, mode == Mode.PREFETCH ? ahead : 0, "bench")) {
                            for (int k = 0; k < BLOCK; k++) {
                                long t0 = System.nanoTime();
                                try (NDManager sub = trainer.getManager().newSubManager()) {
                                    NDArray x = readyX;
                                    NDArray y = readyY;
                                    if (mode == Mode.READY) {
                                        // the iteration's arrays follow the input into the sub-manager
                                        x.tempAttach(sub);
                                        y.tempAttach(sub);
                                    } else {
                                        Batches.Batch b = prefetcher.take(++next[mode.ordinal()]);
                                        x = sub.create(b.x(), cfg.inputShape());
                                        y = sub.create(b.y(), new Shape(batch, 1));
                                    }
                                    try (GradientCollector gc = trainer.newGradientCollector()) {
                                        NDArray loss = trainer.getLoss().evaluate(new NDList(y),
                                                trainer.forward(new NDList(x)));
                                        gc.backward(loss);
                                        update.step();
                                        loss.getFloat(); // the training loop reads each loss (a GPU waits for it)
                                    }
                                }
                                if (round >= 0) {
                                    t[mode.ordinal()][round * BLOCK + k] = (System.nanoTime() - t0) / 1e9;
                                }
                            }
                        }
                    }
                }
                double ready = median(t[Mode.READY.ordinal()]);
                for (Mode mode : Mode.values()) {
                    double m = median(t[mode.ordinal()]);
                    System.out.printf(Locale.ROOT, "  %-8s median %.4f s/iteration (%.2f × ready)%s%n",
                            mode.name().toLowerCase(Locale.ROOT), m, m / ready,
                            mode == Mode.PREFETCH ? ", " + ahead + " batches ahead" : "");
                }
            }
        }
    }

    /**
     * No network: how long one batch takes to prepare in one call (its noise on all cores), and how many batches per
     * second {@code ahead}
     * background threads deliver — what a GPU iteration time needs from the CPU.
     */
    private static void prepareOnly(Batches batches, int iterations, int ahead, String shape) {
        double[] t = new double[iterations];
        for (int i = -1; i < iterations; i++) {
            long t0 = System.nanoTime();
            batches.of(i + 2);
            if (i >= 0) {
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT,
                "batch %s, augmentation on: %.3f s to prepare in one call (its noise on all cores) (median of %d)%n",
                shape, median(t), iterations);
        try (Prefetcher p = new Prefetcher(batches, 1, Integer.MAX_VALUE, ahead, "bench")) {
            p.take(1);
            long t0 = System.nanoTime();
            for (int i = 2; i <= iterations + 1; i++) {
                p.take(i);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  %d batches ahead on %d threads: %.3f s per batch delivered%n", ahead,
                    Math.min(ahead, Runtime.getRuntime().availableProcessors()), s / iterations);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
