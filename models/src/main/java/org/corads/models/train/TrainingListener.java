package org.corads.models.train;

import java.io.IOException;

/**
 * One concern of the training loop, called by {@link ClassifierTrainer} as it goes (as DJL's training listeners
 * are): divergence, early stopping, checkpoints and progress each live in a class of their own.
 */
public interface TrainingListener {

    /** After each optimisation step with its training loss. */
    default void onBatch(int iteration, double loss) {}

    /**
     * After each validation.
     *
     * @param state      the training state after this validation (curve, best iteration and score)
     * @param bestParams the best parameters so far, serialised (null before any validation improved)
     */
    default void onValidation(ClassifierTrainer.State state, byte[] bestParams) throws IOException {}

    /** When the loop ends, with the final state and the best parameters (null when no validation ran). */
    default void onEnd(ClassifierTrainer.State state, byte[] bestParams) throws IOException {}
}
