package org.corads.models.train;

import java.util.concurrent.CancellationException;

/**
 * Where long loops (training iterations) notice that their run was cancelled: the thread was interrupted. The
 * check clears nothing, so the step's executor still sees the interrupt; checkpoints written so far stay.
 */
public final class Cancellation {
    private Cancellation() {}

    /** Throws {@link CancellationException} when the current thread has been interrupted. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
