package org.corads.models.train;

/**
 * When to stop: after {@code maxIterations}, or once {@code patience} iterations have passed since the best
 * validation score (SPEC §5: 30,000 iterations, patience 10,000).
 */
public record EarlyStopping(int maxIterations, int patience) {

    /** Whether training that has reached {@code iteration}, best at {@code bestIteration}, is done. */
    public boolean done(int iteration, int bestIteration) {
        return iteration >= maxIterations || iteration - bestIteration >= patience;
    }
}
