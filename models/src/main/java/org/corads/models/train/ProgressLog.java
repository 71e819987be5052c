package org.corads.models.train;

import java.util.Locale;
import java.util.function.Consumer;

/** One line per validation: iteration, training loss, validation metric, best so far and seconds per iteration. */
final class ProgressLog implements TrainingListener {
    private final TrainConfig cfg;
    private final Consumer<String> out;
    private final int firstIteration;
    private final long t0 = System.nanoTime();

    /** @param firstIteration the iteration this run started from (0, or where a checkpoint resumed) */
    ProgressLog(TrainConfig cfg, Consumer<String> out, int firstIteration) {
        this.cfg = cfg;
        this.out = out;
        this.firstIteration = firstIteration;
    }

    @Override
    public void onValidation(ClassifierTrainer.State s, byte[] bestParams) {
        ClassifierTrainer.Point p = s.curve().get(s.curve().size() - 1);
        double sec = (System.nanoTime() - t0) / 1e9;
        String metric = p.proxyMae() != null
                ? String.format(Locale.ROOT, "val MAE %.4f", p.proxyMae())
                : String.format(Locale.ROOT, "val QWK %.3f, AUC %.3f", p.qwk(), p.auc());
        double perIteration = sec / Math.max(1, s.iteration() - firstIteration);
        out.accept(String.format(Locale.ROOT,
                "%s seed %d: iteration %d/%d, loss %.4f, %s, best %.3f @ %d, %.2f s/iteration, %s", cfg.arm(),
                cfg.seed(), s.iteration(), cfg.maxIterations(), p.trainLoss(), metric, s.bestScore(), s.bestIteration(),
                perIteration, Eta.of(perIteration, cfg.maxIterations() - s.iteration())));
    }
}
