package org.corads.models.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
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
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.corads.models.device.DeviceSetting;
import org.corads.models.transfer.Tensor;
import org.corads.models.transfer.WeightImport;
import org.corads.steps.io.BadInputException;

/**
 * Trains one arm with one seed (SPEC §5): Adam at the configured rate, batches drawn with inverse-frequency
 * class weights, seeded augmentation, validation QWK on class-balanced weights (and AUC) every
 * {@code validateEvery} iterations, early stopping with patience counted in iterations, and a checkpoint
 * (parameters, optimizer moments, curve) at every validation. Every random choice of iteration {@code i}
 * comes from {@code (seed, i)}, so a run resumed from a checkpoint ends exactly as an uninterrupted one.
 * The model directory receives {@code model.params} (best validation QWK) and {@code model.json}; an existing
 * model is never overwritten.
 */
public final class ClassifierTrainer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Object ENGINE = EngineLock.LOCK;

    private final TrainConfig cfg;

    public ClassifierTrainer(TrainConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * One validation: iteration, mean training loss since the last one, validation QWK and AUC (grading), or the
     * validation mean absolute error (pre-training proxy task); the others are null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(int iteration, double trainLoss, Double qwk, Double auc, Double proxyMae) {

        /** What early stopping maximises: QWK, or −MAE for the proxy task. */
        public double score() {
            return qwk != null ? qwk : -proxyMae;
        }
    }

    /**
     * What {@code checkpoint.json} records and {@code model.json} embeds.
     *
     * @param bestScore best validation score: QWK, or −MAE for the proxy task
     */
    public record State(TrainConfig config, int iteration, int bestIteration, double bestScore, List<Point> curve,
            int trainCases, int validationCases) {}

    /** Where initial weights came from (transfer learning), or null for random initialisation. */
    public record Init(Map<String, Tensor> weights, String source, String sha256) {}

    public State train(List<Sample> train, List<Sample> val, Path modelDir, Path checkpointDir,
            Consumer<String> progress) throws IOException {
        return train(train, val, modelDir, checkpointDir, progress, null, null);
    }

    /**
     * Trains, starting from {@code init}'s weights when given (head left initialised), and writes
     * {@code model.params} and a {@link ModelCard} as {@code model.json} carrying {@code dataDigest}.
     */
    public State train(List<Sample> train, List<Sample> val, Path modelDir, Path checkpointDir,
            Consumer<String> progress, Init init, String dataDigest) throws IOException {
        if (Files.exists(modelDir.resolve("model.json"))) {
            throw BadInputException.of(modelDir, "already holds a model; choose another model directory");
        }
        Shapes.check(cfg, train);
        Shapes.check(cfg, val);
        Block block = newBlock();
        Device device = DeviceSetting.current();
        int ahead = Prefetcher.configuredAhead();
        try (Model model = Model.newInstance(cfg.arm(), device)) {
            model.setBlock(block);
            ResumableAdam adam = new ResumableAdam(cfg.learningRate());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(cfg.head().loss()).optOptimizer(adam)
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT).optDevices(new Device[]{device});
            try (Trainer trainer = model.newTrainer(tc)) {
                synchronized (ENGINE) {
                    Engine.getInstance().setRandomSeed((int) cfg.seed());
                    trainer.initialize(inputShape());
                }
                adam.useNames(block);
                if (init != null) {
                    var report = WeightImport.apply(block, init.weights(), Path.of(init.source()), true);
                    progress.accept(String.format(Locale.ROOT,
                            "%s seed %d: initialised %d parameters from %s"
                                    + " (%d inflated, %d channel-mapped, %d left initialised)",
                            cfg.arm(), cfg.seed(), report.copied(), init.source(), report.inflated(),
                            report.channelMapped(), report.keptInitialised().size()));
                }
                State state = resume(checkpointDir, block, adam, model.getNDManager());
                if (state.iteration() > 0) {
                    progress.accept(String.format(Locale.ROOT, "%s seed %d: resumed from checkpoint at iteration %d",
                            cfg.arm(), cfg.seed(), state.iteration()));
                }
                State done = loop(trainer, block, adam, train, val, state, checkpointDir, progress, ahead);
                byte[] best = Files.exists(checkpointDir.resolve("best.params"))
                        ? Files.readAllBytes(checkpointDir.resolve("best.params"))
                        : params(block);
                ModelCard.write(modelDir, best,
                        new ModelCard(architecture(), done, dataDigest, init == null ? null : init.source(),
                                init == null ? null : init.sha256(), block.getParameters().size(),
                                DeviceSetting.describe(device)));
                return done;
            }
        }
    }

    private State resume(Path dir, Block block, ResumableAdam adam, NDManager manager) throws IOException {
        Path json = dir.resolve("checkpoint.json");
        if (!Files.exists(json)) {
            return new State(cfg, 0, 0, Double.NEGATIVE_INFINITY, List.of(), 0, 0);
        }
        String startOver = "; delete " + dir + " to train from the start";
        State s;
        try {
            s = JSON.readValue(json.toFile(), State.class);
        } catch (JacksonException e) {
            throw BadInputException.of(json, "is not a training checkpoint: " + e.getOriginalMessage() + startOver);
        }
        if (s == null || s.config() == null) {
            throw BadInputException.of(json, "is not a training checkpoint: it has no configuration" + startOver);
        }
        for (String f : List.of("checkpoint.params", "optimizer.bin")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw BadInputException.of(dir, "holds checkpoint.json without " + f + startOver);
            }
        }
        if (!s.config().equals(cfg)) {
            throw BadInputException.of(json, "checkpoint was made with another configuration; expected " + cfg);
        }
        // the trainer holds the initialised arrays: load into a twin and copy the values over in place
        Block twin = newBlock();
        EngineLock.initializeForLoading(twin, manager, inputShape());
        try {
            loadParams(twin, manager, dir.resolve("checkpoint.params"));
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage() + startOver, e);
        }
        var from = twin.getParameters();
        var to = block.getParameters();
        for (int i = 0; i < to.size(); i++) {
            from.get(i).getValue().getArray().copyTo(to.get(i).getValue().getArray());
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("optimizer.bin")))) {
            adam.load(in, manager);
        } catch (EOFException | IllegalArgumentException | IllegalStateException e) {
            throw BadInputException.of(dir.resolve("optimizer.bin"), "is not a complete optimizer state" + startOver);
        }
        return s;
    }

    private Block newBlock() {
        return ModelCard.newBlock(cfg);
    }

    private Shape inputShape() {
        return new Shape(cfg.batchSize(), cfg.channels(), cfg.depth(), cfg.size(), cfg.size());
    }

    /** Loads parameters, naming the file and the expected architecture when they do not fit. */
    public static void loadParams(Block block, NDManager manager, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            block.loadParameters(manager, in);
        } catch (EOFException e) {
            throw BadInputException.of(file, "is truncated: it ends before this architecture's last parameter");
        } catch (MalformedModelException | IllegalArgumentException | IllegalStateException e) {
            throw BadInputException.of(file, "parameters do not fit this architecture (" + e.getMessage() + ")");
        }
    }

    private String architecture() {
        return cfg.threeD() ? "i3d" : "covnet";
    }

    private State loop(Trainer trainer, Block block, ResumableAdam adam, List<Sample> train, List<Sample> val, State s,
            Path ckpt, Consumer<String> progress, int ahead) throws IOException {
        EarlyStopping stopping = new EarlyStopping(cfg.maxIterations(), cfg.patience());
        CheckpointWriter checkpoints = new CheckpointWriter(ckpt, block, adam);
        List<TrainingListener> listeners = List.of(new DivergenceCheck(), checkpoints,
                new ProgressLog(cfg, progress, s.iteration()));
        List<Point> curve = new ArrayList<>(s.curve());
        int best = s.bestIteration();
        double bestScore = s.bestScore();
        byte[] bestParams = checkpoints.previousBest();
        double lossSum = 0;
        int lossCount = 0;
        int it = s.iteration();
        ParameterUpdate update = new ParameterUpdate(trainer, adam);
        try (Prefetcher batches = new Prefetcher(new Batches(cfg, train), it + 1, cfg.maxIterations(), ahead,
                cfg.arm())) {
            while (!stopping.done(it, best)) {
                Cancellation.check();
                it++;
                Batches.Batch batch = batches.take(it);
                double loss;
                synchronized (ENGINE) {
                    Engine.getInstance().setRandomSeed((int) (cfg.seed() * 1_000_003L + it));
                    loss = step(trainer, update, batch);
                }
                for (TrainingListener l : listeners) {
                    l.onBatch(it, loss);
                }
                lossSum += loss;
                lossCount++;
                if (it % cfg.validateEvery() == 0 || it == cfg.maxIterations()) {
                    double[] m = Validation.evaluate(trainer, cfg, val, train);
                    Point point = m.length == 1
                            ? new Point(it, lossSum / lossCount, null, null, m[0])
                            : new Point(it, lossSum / lossCount, m[0], m[1], null);
                    curve.add(point);
                    lossSum = 0;
                    lossCount = 0;
                    if (point.score() > bestScore) {
                        bestScore = point.score();
                        best = it;
                        bestParams = params(block);
                    }
                    State now = new State(cfg, it, best, bestScore, curve, train.size(), val.size());
                    for (TrainingListener l : listeners) {
                        l.onValidation(now, bestParams);
                    }
                }
            }
        }
        State end = new State(cfg, it, best, bestScore, curve, train.size(), val.size());
        for (TrainingListener l : listeners) {
            l.onEnd(end, bestParams);
        }
        return end;
    }

    private double step(Trainer trainer, ParameterUpdate update, Batches.Batch batch) {
        NDManager m = trainer.getManager();
        try (NDManager sub = m.newSubManager()) {
            NDArray input = sub.create(batch.x(),
                    new Shape(batch.n(), cfg.channels(), cfg.depth(), cfg.size(), cfg.size()));
            NDArray label = cfg.head().outputs() == 1
                    ? sub.create(batch.y(), new Shape(batch.n(), 1))
                    : sub.create(batch.y());
            try (GradientCollector gc = trainer.newGradientCollector()) {
                // PyTorch accumulates gradients: each update zeroes the ones it used, so each step sees its batch only
                NDList pred = trainer.forward(new NDList(input));
                NDArray loss = trainer.getLoss().evaluate(new NDList(label), pred);
                gc.backward(loss);
                double value = loss.getFloat();
                update.step();
                return value;
            }
        }
    }

    public static byte[] params(Block block) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            block.saveParameters(out);
        }
        return bos.toByteArray();
    }
}
