package org.corads.models.train;

/** Stops training with an error as soon as the loss is not a finite number; no model is written then. */
public final class DivergenceCheck implements TrainingListener {

    @Override
    public void onBatch(int iteration, double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("loss became " + loss + " at iteration " + iteration
                    + "; lower the learning rate or check the inputs (no model written)");
        }
    }
}
