package org.corads.models.unet;

import ai.djl.Device;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.Cancellation;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.EngineLock;
import org.corads.models.train.Eta;
import org.corads.models.train.ParameterUpdate;
import org.corads.models.train.ResumableAdam;
import org.corads.steps.io.BadInputException;

/**
 * Trains the lesion U-Net on patches of 1.5 mm volumes (SPEC §3): Dice + cross-entropy, Adam, cubic patches
 * inside the lungs' bounding box, a share of them centred on a lesion voxel (lesions are a small part of the lung),
 * every random choice from (seed, iteration). Every {@code validateEvery} iterations the combined lesion Dice
 * (GGO + consolidation vs background, inside the lungs) on a fixed, seeded set of validation patches selects the best
 * parameters,
 * written with a {@link LesionModelCard} ({@code model.json}) into a model folder that must not hold a model.
 */
public final class LesionTrainer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The iterations whose loss and gradient norm are logged, to tell a start that stalls from one that learns. */
    private static final Set<Integer> EARLY = Set.of(1, 2, 5, 10, 20, 50, 100);

    /**
     * @param net           architecture
     * @param patch         patch side in voxels (a multiple of {@code net.multiple()})
     * @param batchSize     patches per iteration
     * @param learningRate  Adam rate
     * @param iterations    iteration budget
     * @param validateEvery iterations between validations
     * @param lesionShare   share of patches centred on a lesion voxel
     * @param seed          every random choice flows from it
     */
    public record Config(UNetConfig net, int patch, int batchSize, float learningRate, int iterations,
            int validateEvery, double lesionShare, long seed) {
        public Config {
            if (net == null) {
                throw new IllegalArgumentException("the network's configuration ('net') is missing");
            }
            if (patch % net.multiple() != 0 || patch < net.multiple()) {
                throw new IllegalArgumentException(
                        "patch " + patch + " must be a positive multiple of " + net.multiple());
            }
            if (batchSize < 1 || iterations < 1 || validateEvery < 1 || lesionShare < 0 || lesionShare > 1) {
                throw new IllegalArgumentException(
                        "batch, iterations and validation interval must be ≥ 1, lesionShare in [0, 1]");
            }
        }
    }

    /** One validation: iteration, mean training loss since the last, validation Dice (combined, GGO, consolidation). */
    public record Point(int iteration, double loss, double dice, double diceGgo, double diceConsolidation) {}

    private final Config cfg;

    public LesionTrainer(Config cfg) {
        this.cfg = cfg;
    }

    public LesionModelCard train(List<LesionCase> train, List<LesionCase> val, Path modelDir, String dataDigest,
            Consumer<String> progress) throws IOException {
        if (Files.exists(modelDir.resolve("model.json"))) {
            throw BadInputException.of(modelDir, "already holds a model; choose another model directory");
        }
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException("lesion training needs training and validation cases");
        }
        Patches trainPatches = new Patches(train, cfg.patch(), cfg.lesionShare());
        List<Patches.Patch> valSet = new Patches(val, cfg.patch(), 0.5).fixedSet(16,
                new SplittableRandom(cfg.seed() ^ 0x5EEDL));
        UNet3d net = new UNet3d(cfg.net());
        Shape in = new Shape(cfg.batchSize(), 1, cfg.patch(), cfg.patch(), cfg.patch());
        Device device = DeviceSetting.current();
        try (Model model = Model.newInstance("lesion-unet", device, "PyTorch")) {
            model.setBlock(net);
            ResumableAdam adam = new ResumableAdam(cfg.learningRate());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new DiceCeLoss()).optOptimizer(adam)
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT).optDevices(new Device[]{device});
            try (Trainer trainer = model.newTrainer(tc)) {
                synchronized (EngineLock.LOCK) {
                    Engine.getInstance().setRandomSeed((int) cfg.seed());
                    trainer.initialize(in);
                }
                ParameterUpdate update = new ParameterUpdate(trainer, adam);
                List<Point> curve = new ArrayList<>();
                byte[] best = null;
                int bestIt = 0;
                double bestDice = -1;
                double lossSum = 0;
                long t0 = System.nanoTime();
                for (int it = 1; it <= cfg.iterations(); it++) {
                    Cancellation.check();
                    SplittableRandom r = new SplittableRandom(cfg.seed() * 7_919L + it);
                    List<Patches.Patch> batch = new ArrayList<>();
                    for (int b = 0; b < cfg.batchSize(); b++) {
                        batch.add(trainPatches.draw(r));
                    }
                    synchronized (EngineLock.LOCK) {
                        Engine.getInstance().setRandomSeed((int) (cfg.seed() * 1_000_003L + it));
                        boolean early = EARLY.contains(it);
                        double[] lossAndNorm = step(trainer, update, batch, early);
                        lossSum += lossAndNorm[0];
                        if (early) {
                            // a start that stalls shows here long before the first validation
                            progress.accept(String.format(Locale.ROOT,
                                    "lesion U-Net seed %d: iteration %d, loss %.4f, gradient norm %.4g", cfg.seed(), it,
                                    lossAndNorm[0], lossAndNorm[1]));
                        }
                    }
                    if (it % cfg.validateEvery() == 0 || it == cfg.iterations()) {
                        double[] d = dice(net, trainer.getManager(), valSet);
                        int n = it % cfg.validateEvery() == 0 ? cfg.validateEvery() : it % cfg.validateEvery();
                        curve.add(new Point(it, lossSum / n, d[0], d[1], d[2]));
                        lossSum = 0;
                        if (d[0] > bestDice) {
                            bestDice = d[0];
                            bestIt = it;
                            best = ClassifierTrainer.params(net);
                        }
                        double perIteration = (System.nanoTime() - t0) / 1e9 / it;
                        progress.accept(String.format(Locale.ROOT,
                                "lesion U-Net seed %d: iteration %d/%d, loss %.4f, val Dice %.3f"
                                        + " (GGO %.3f, consolidation %.3f), best %.3f @ %d, %.2f s/iteration, %s",
                                cfg.seed(), it, cfg.iterations(), curve.get(curve.size() - 1).loss(), d[0], d[1], d[2],
                                bestDice, bestIt, perIteration, Eta.of(perIteration, cfg.iterations() - it)));
                    }
                }
                LesionModelCard card = new LesionModelCard("unet3d", cfg, bestIt, bestDice, curve, dataDigest,
                        train.size(), val.size(), DeviceSetting.describe(device));
                Files.createDirectories(modelDir);
                Files.write(modelDir.resolve("model.params"), best);
                JSON.writeValue(modelDir.resolve("model.json").toFile(), card);
                return card;
            }
        }
    }

    /** One training step; returns its loss and, when {@code norm}, the gradients' norm (else NaN). */
    private double[] step(Trainer trainer, ParameterUpdate update, List<Patches.Patch> batch, boolean norm) {
        try (NDManager sub = trainer.getManager().newSubManager()) {
            int v = cfg.patch() * cfg.patch() * cfg.patch();
            float[] x = new float[v * batch.size()];
            float[] y = new float[v * batch.size()];
            for (int b = 0; b < batch.size(); b++) {
                System.arraycopy(batch.get(b).ct(), 0, x, b * v, v);
                for (int i = 0; i < v; i++) {
                    y[b * v + i] = batch.get(b).labels()[i];
                }
            }
            int p = cfg.patch();
            NDArray input = sub.create(x, new Shape(batch.size(), 1, p, p, p));
            NDArray label = sub.create(y, new Shape(batch.size(), p, p, p));
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = trainer.getLoss().evaluate(new NDList(label), trainer.forward(new NDList(input)));
                gc.backward(loss);
                double value = loss.getFloat();
                double gradientNorm = norm ? update.gradientNorm() : Double.NaN;
                update.step();
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException(
                            "loss became " + value + "; lower the learning rate (no model written)");
                }
                return new double[]{value, gradientNorm};
            }
        }
    }

    /**
     * Combined, GGO and consolidation Dice of the argmax over a patch set (summed over the set), inside the lungs
     * only — as segmentation is applied (chest wall and mediastinum look like consolidation out of context).
     */
    static double[] dice(Block net, NDManager m, List<Patches.Patch> set) {
        LesionOverlap overlap = new LesionOverlap();
        for (Patches.Patch p : set) {
            int s = (int) Math.round(Math.cbrt(p.ct().length));
            byte[] pred = UNetSegmenter.argmax(net, m, p.ct(), s);
            for (int i = 0; i < pred.length; i++) {
                if (p.lung()[i] != 0) {
                    overlap.add(pred[i], p.labels()[i]);
                }
            }
        }
        return overlap.dice();
    }
}
