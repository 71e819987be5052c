package org.corads.models.train;

import org.corads.models.Head;

/**
 * One arm and seed of classifier training (SPEC §5).
 *
 * @param arm              arm name (e.g. {@code 3d-full})
 * @param threeD           I3D when true, COVNet when false
 * @param head             continuous or categorical output
 * @param channels         input channels: 1 (CT) or 2 (CT + lesion map)
 * @param width            network width multiplier (1 = full)
 * @param depth            input slices
 * @param size             input height and width
 * @param seed             every random choice flows from it
 * @param learningRate     Adam learning rate (1e-4)
 * @param batchSize        batch size (2)
 * @param maxIterations    iteration budget
 * @param validateEvery    iterations between validations
 * @param patience         early stopping: iterations without a better validation QWK
 * @param augment          apply the augmentation of {@link Augmentation}
 */
public record TrainConfig(String arm, boolean threeD, Head head, int channels, float width, int depth, int size,
                          long seed, float learningRate, int batchSize, int maxIterations, int validateEvery,
                          int patience, boolean augment) {

    public TrainConfig {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        if (batchSize < 1 || maxIterations < 1 || validateEvery < 1 || patience < 1) {
            throw new IllegalArgumentException("batch size, iterations, validation interval and patience must be ≥ 1");
        }
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(arm, threeD, head, channels, width, depth, size, s, learningRate, batchSize, maxIterations,
                validateEvery, patience, augment);
    }

    public TrainConfig withMaxIterations(int n) {
        return new TrainConfig(arm, threeD, head, channels, width, depth, size, seed, learningRate, batchSize, n,
                validateEvery, patience, augment);
    }
}
