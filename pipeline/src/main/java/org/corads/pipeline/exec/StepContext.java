package org.corads.pipeline.exec;

import java.util.function.Supplier;

/**
 * Which run and which step of its plan a step execution belongs to. The DAG runner sets it around each dispatch
 * (routes are synchronous {@code direct:} calls on the same thread), so an executor can label what it creates —
 * the Kubernetes executor puts both on its Jobs, and cancelling a run deletes them by label.
 *
 * @param runId  the run
 * @param stepId the step's id in the plan
 */
public record StepContext(String runId, String stepId) {
    private static final ThreadLocal<StepContext> CURRENT = new ThreadLocal<>();

    /** The context of the execution on this thread, or an anonymous one. */
    public static StepContext current() {
        StepContext c = CURRENT.get();
        return c != null ? c : new StepContext("none", "none");
    }

    /** Runs {@code body} with this context set on the current thread. */
    public <T> T around(Supplier<T> body) {
        StepContext before = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
