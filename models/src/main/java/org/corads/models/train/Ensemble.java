package org.corads.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corads.models.Head;
import org.corads.models.Inference;
import org.corads.steps.io.BadInputException;

/**
 * An ensemble of models that differ only in seed (SPEC §5): each member runs on the same model input, the
 * ensemble output is the mean of the members' probability outputs (the mean probability vector for the
 * categorical head), from which the grade and the ROC scalar follow. Members' outputs are kept for spread
 * analysis. Members must share head, channels and input size.
 */
public final class Ensemble implements AutoCloseable {
    private final NDManager manager;
    private final List<Block> members = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Double> bestScores = new ArrayList<>();
    private final TrainConfig config;

    /** One graded input: the ensemble's probabilities, grade and ROC scalar, and each member's probabilities. */
    public record Result(double[] probabilities, int grade, double score, List<double[]> members) {}

    public Ensemble(List<Path> memberDirs, NDManager parent) throws IOException {
        if (memberDirs.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member model");
        }
        this.manager = parent.newSubManager();
        TrainConfig first = null;
        for (Path dir : memberDirs) {
            ModelCard card = ModelCard.read(dir);
            TrainConfig c = card.config();
            if (c.task() != TrainConfig.Task.CORADS) {
                throw BadInputException.of(dir, "is a pre-training (proxy task) model, not a CO-RADS classifier");
            }
            if (first != null && (c.head() != first.head() || c.channels() != first.channels()
                    || c.depth() != first.depth() || c.size() != first.size())) {
                throw BadInputException.of(dir, "does not match the first member (head " + first.head() + ", input "
                        + first.channels() + "×" + first.depth() + "×" + first.size() + "×" + first.size() + ")");
            }
            first = first == null ? c : first;
            members.add(ModelCard.load(dir, manager));
            ids.add(dir.getFileName().toString());
            bestScores.add(card.training().bestScore());
        }
        this.config = first;
    }

    public TrainConfig config() {
        return config;
    }

    public Head head() {
        return config.head();
    }

    /** Each member's best validation score (QWK), in member order. */
    public List<Double> bestScores() {
        return List.copyOf(bestScores);
    }

    public List<String> memberIds() {
        return List.copyOf(ids);
    }

    /** Grades one {@code C × D × H × W} input. */
    public Result grade(float[] input) {
        long n = (long) config.channels() * config.depth() * config.size() * config.size();
        if (input.length != n) {
            throw new IllegalArgumentException("model input has " + input.length + " values; these models expect "
                    + config.channels() + " × " + config.depth() + " × " + config.size() + " × " + config.size());
        }
        Head head = config.head();
        double[] mean = new double[head.outputs()];
        List<double[]> each = new ArrayList<>();
        for (Block b : members) {
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = sub.create(input,
                        new Shape(1, config.channels(), config.depth(), config.size(), config.size()));
                float[] logits = Inference.forward(b, new ParameterStore(sub, false), x).toFloatArray();
                double[] p = head.probabilities(logits);
                each.add(p);
                for (int k = 0; k < p.length; k++) {
                    mean[k] += p[k] / members.size();
                }
            }
        }
        return new Result(mean, head.grade(mean), head.rocScalar(mean), each);
    }

    @Override
    public void close() {
        manager.close();
    }
}
