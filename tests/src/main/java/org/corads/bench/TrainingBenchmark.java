package org.corads.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.Arrays;
import java.util.Locale;
import org.corads.models.Head;
import org.corads.models.Inference;
import org.corads.models.train.ModelCard;
import org.corads.models.train.ParameterUpdate;
import org.corads.models.train.ResumableAdam;
import org.corads.models.train.TrainConfig;

/**
 * Seconds per training iteration (forward, loss, backward, Adam step as training does it; batch 2, the same random
 * batch every iteration) of a classifier configuration on the DJL PyTorch engine, the median over N iterations after as
 * many warm-up ones as {@code BENCH_WARMUP} says (30
 * unless set; {@code torch_small.py} reads the same variable, so both sides are measured in the same steady state);
 * and the time of one inference forward pass (batch 1). Usage:
 * {@code TrainingBenchmark <3d|2d> <width> <depth> <size> <iterations> [forward-only]}.
 * The PyTorch twin of the small 3D network is {@code tests/bench/torch_small.py}.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean threeD = args[0].equals("3d");
        float width = Float.parseFloat(args[1]);
        int depth = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        boolean forwardOnly = args.length > 5 && args[5].equals("forward-only");
        TrainConfig cfg = new TrainConfig("bench", threeD, Head.CONTINUOUS, 2, width, depth, size, 1, 1e-4f, 2,
                iterations, 1000, 1000, false);
        Block block = ModelCard.newBlock(cfg);
        Engine.getInstance().setRandomSeed(1);
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(block);
            ResumableAdam adam = new ResumableAdam(1e-4f);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Head.CONTINUOUS.loss()).optOptimizer(adam)
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(cfg.inputShape());
                long params = block.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
                NDManager m = trainer.getManager();
                long t0 = System.nanoTime();
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.randomUniform(0, 1, new Shape(1, 2, depth, size, size));
                    Inference.forward(block, new ParameterStore(sub, false), x).toFloatArray();
                }
                double forward = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT,
                        "DJL %s %s width %s input 2x%dx%dx%d: %d parameters; one inference forward pass"
                                + " (batch 1) %.3f s%n",
                        Engine.getInstance().getEngineName(), threeD ? "I3D" : "COVNet", width, depth, size, size,
                        params, forward);
                if (forwardOnly) {
                    return;
                }
                // one batch for every iteration, as torch_small.py does: the network's time, not the input's
                NDArray x = m.randomUniform(0, 1, cfg.inputShape());
                NDArray y = m.create(new float[]{0.25f, 0.75f}, new Shape(2, 1));
                System.out.println(iterationTimes(trainer, new ParameterUpdate(trainer, adam), x, y, iterations));
            }
        }
    }

    /**
     * Times {@code iterations} training iterations of the trainer's model on one batch, after {@code BENCH_WARMUP}
     * (30) untimed ones: forward, loss, backward and the optimizer step as training does them, each iteration waiting
     * for its loss. Returns the line that reports the median.
     */
    static String iterationTimes(Trainer trainer, ParameterUpdate update, NDArray x, NDArray y, int iterations) {
        NDManager m = trainer.getManager();
        double[] t = new double[iterations];
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "30"));
        for (int i = -warmup; i < iterations; i++) {
            long s = System.nanoTime();
            try (NDManager sub = m.newSubManager()) {
                // the iteration's arrays follow the input into the sub-manager and are freed with it
                x.tempAttach(sub);
                y.tempAttach(sub);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                    gc.backward(loss);
                    update.step();
                    loss.getFloat(); // waits for the iteration's kernels on a GPU, as the training loop does
                }
            }
            if (i >= 0) {
                t[i] = (System.nanoTime() - s) / 1e9;
            }
        }
        Arrays.sort(t);
        return String
                .format(Locale.ROOT,
                        "training iteration (batch 2): median %.4f s over %d iterations after %d warm-up ones"
                                + " (min %.4f, max %.4f)",
                        t[iterations / 2], iterations, warmup, t[0], t[iterations - 1]);
    }
}
