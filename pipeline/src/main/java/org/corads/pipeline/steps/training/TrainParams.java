package org.corads.pipeline.steps.training;

import org.corads.models.Head;
import org.corads.models.train.TrainConfig;
import org.corads.steps.core.Work;

/**
 * Parameters of the {@code train} and {@code pretrain} steps: one arm and one seed (SPEC §5). They are the
 * cache key's parameters, so any change retrains exactly the models it concerns.
 *
 * @param arm           arm name
 * @param threeD        I3D when true, COVNet when false
 * @param head          continuous or categorical
 * @param lesionChannel feed the lesion map as channel 1
 * @param width         width multiplier
 * @param seed          training seed
 * @param learningRate  Adam rate
 * @param batchSize     batch size
 * @param iterations    iteration budget
 * @param validateEvery iterations between validations
 * @param patience      early-stopping patience in iterations
 * @param augment       augmentation on
 */
public record TrainParams(String arm, boolean threeD, Head head, boolean lesionChannel, float width, long seed,
        float learningRate, int batchSize, int iterations, int validateEvery, int patience, boolean augment) {

    public TrainConfig config(int depth, int size) {
        return new TrainConfig(arm, threeD, head, lesionChannel ? 2 : 1, width, depth, size, seed, learningRate,
                batchSize, iterations, validateEvery, patience, augment);
    }

    /**
     * Work for time estimates: iterations × batch × width² in the class {@code <step>-3d} or {@code <step>-2d} (an
     * upper bound: early stopping may end sooner).
     */
    public Work work(String step) {
        return new Work(step + (threeD ? "-3d" : "-2d"), (double) iterations * batchSize * width * width);
    }
}
