package org.corads.models.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The training batch of each iteration, as plain arrays: classes drawn with inverse-frequency weights, each case
 * augmented (when configured), targets from the head or the proxy task. Every random choice of iteration {@code i}
 * comes from {@code (seed, i)} alone, so iterations can be prepared in any order, on any thread, ahead of the loop
 * ({@link Prefetcher}) and give the same arrays as when prepared in turn.
 */
public final class Batches {

    /**
     * One iteration's batch.
     *
     * @param x inputs, {@code n × C × D × H × W}
     * @param y targets, one per case
     * @param n cases
     */
    public record Batch(float[] x, float[] y, int n) {}

    private final TrainConfig cfg;
    private final Sampler sampler;

    public Batches(TrainConfig cfg, List<Sample> train) {
        this.cfg = cfg;
        this.sampler = new Sampler(train);
    }

    /** The batch of iteration {@code it} (1-based). */
    public Batch of(int it) {
        SplittableRandom r = new SplittableRandom(cfg.seed() * 7_919L + it);
        List<Sample> batch = sampler.draw(cfg.batchSize(), r);
        int n = cfg.channels() * cfg.depth() * cfg.size() * cfg.size();
        float[] x = new float[n * batch.size()];
        float[] y = new float[batch.size()];
        for (int b = 0; b < batch.size(); b++) {
            Sample s = batch.get(b);
            if (cfg.augment()) {
                Augmentation.applyInto(s.data(), cfg.channels(), cfg.depth(), cfg.size(), cfg.size(), r, x, b * n);
            } else {
                System.arraycopy(s.data(), 0, x, b * n, n);
            }
            y[b] = cfg.task() == TrainConfig.Task.LESION_LOAD ? s.target() : cfg.head().target(s.grade());
        }
        return new Batch(x, y, batch.size());
    }
}
