package org.corads.models.train;

/**
 * One training or validation case held in memory.
 *
 * @param id     scan id
 * @param data   {@code C × D × H × W} values
 * @param grade  CO-RADS grade 1–5
 * @param target the proxy-task target in [0, 1] for pre-training ({@link TrainConfig.Task#LESION_LOAD}); NaN otherwise
 */
public record Sample(String id, float[] data, int grade, float target) {

    public Sample(String id, float[] data, int grade) {
        this(id, data, grade, Float.NaN);
    }
}
