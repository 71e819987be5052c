package org.corads.models.train;

import ai.djl.ndarray.types.Shape;
import org.corads.models.Head;

/**
 * One arm and seed of classifier training (SPEC §5).
 *
 * @param arm           arm name (e.g. {@code 3d-full})
 * @param threeD        I3D when true, COVNet when false
 * @param head          continuous or categorical output
 * @param channels      input channels: 1 (CT) or 2 (CT + lesion map)
 * @param width         network width multiplier (1 = full)
 * @param depth         input slices
 * @param size          input height and width
 * @param seed          every random choice flows from it
 * @param learningRate  Adam learning rate (1e-4)
 * @param batchSize     batch size (2)
 * @param maxIterations iteration budget
 * @param validateEvery iterations between validations
 * @param patience      early stopping: iterations without a better validation QWK
 * @param augment       apply the augmentation of {@link Augmentation}
 * @param task          what is learnt: CO-RADS grades, or the pre-training proxy task
 */
public record TrainConfig(String arm, boolean threeD, Head head, int channels, float width, int depth, int size,
        long seed, float learningRate, int batchSize, int maxIterations, int validateEvery, int patience,
        boolean augment, Task task) {

    /**
     * {@link #CORADS}: the grade through the head; validation QWK. {@link #LESION_LOAD}: the in-pipeline
     * pre-training proxy task (see {@code Pretraining}): a continuous target in [0, 1] per case, validation by
     * mean absolute error (stored negated as the score to maximise).
     */
    public enum Task {
        CORADS, LESION_LOAD
    }

    public TrainConfig(String arm, boolean threeD, Head head, int channels, float width, int depth, int size, long seed,
            float learningRate, int batchSize, int maxIterations, int validateEvery, int patience, boolean augment) {
        this(arm, threeD, head, channels, width, depth, size, seed, learningRate, batchSize, maxIterations,
                validateEvery, patience, augment, Task.CORADS);
    }

    public TrainConfig {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        if (task == null) {
            task = Task.CORADS;
        }
        if (task == Task.LESION_LOAD && head != Head.CONTINUOUS) {
            throw new IllegalArgumentException("the pre-training proxy task needs the continuous head");
        }
        if (width <= 0 || depth < 1 || size < 8) {
            throw new IllegalArgumentException("width must be > 0, depth ≥ 1 and size ≥ 8");
        }
        if (batchSize < 1 || maxIterations < 1 || validateEvery < 1 || patience < 1) {
            throw new IllegalArgumentException(
                    "batch size, iterations, validation interval and patience " + "must be ≥ 1");
        }
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(arm, threeD, head, channels, width, depth, size, s, learningRate, batchSize,
                maxIterations, validateEvery, patience, augment, task);
    }

    public TrainConfig withMaxIterations(int n) {
        return new TrainConfig(arm, threeD, head, channels, width, depth, size, seed, learningRate, batchSize, n,
                validateEvery, patience, augment, task);
    }

    public TrainConfig withArm(String a) {
        return new TrainConfig(a, threeD, head, channels, width, depth, size, seed, learningRate, batchSize,
                maxIterations, validateEvery, patience, augment, task);
    }

    /** The input shape of one batch: {@code N × C × D × H × W}. */
    public Shape inputShape() {
        return new Shape(batchSize, channels, depth, size, size);
    }
}
