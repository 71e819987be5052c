package org.corads.pipeline.exec;

import java.util.function.Supplier;
import org.corads.steps.core.StepSpec;

/**
 * Which executor runs a step: in this JVM, or remotely (a Kubernetes Job), as the run's {@link ExecutorChoice}
 * says — the study's own, or the deployment's configured one. The DAG runner asks {@link #runsInProcess} to know
 * whether heavy steps must take turns on this machine's cores (remote ones are scheduled by the cluster). The
 * remote executor is made on first use, so a deployment that never runs a step remotely never contacts a cluster.
 */
public final class StepDispatch {
    private final StepExecutor inProcess;
    private final Supplier<RemoteExecutor> remote;
    private final Supplier<ExecutorChoice> configured;
    private volatile RemoteExecutor made;

    /** A remote executor that can tell, before a run starts, whether it can work at all. */
    public interface RemoteExecutor extends StepExecutor {
        /** Throws {@link IllegalStateException} with one line saying why this executor cannot run steps now. */
        void check();
    }

    /**
     * @param remote     makes the remote executor (called once, on first need; it may throw with the reason
     *                       there is none)
     * @param configured what runs use when their study names no executor (read when a run first asks, so that a bad
     *                       setting is reported by the command that needs it, not at start-up)
     */
    public StepDispatch(StepExecutor inProcess, Supplier<RemoteExecutor> remote, Supplier<ExecutorChoice> configured) {
        this.inProcess = inProcess;
        this.remote = remote;
        this.configured = configured;
    }

    /** Everything in process. */
    public static StepDispatch inProcess(StepExecutor inProcess) {
        return new StepDispatch(inProcess, () -> {
            throw new IllegalStateException("no remote executor is configured");
        }, () -> ExecutorChoice.IN_PROCESS);
    }

    /** The choice a run makes: its own, or the configured one. */
    public ExecutorChoice choose(ExecutorChoice requested) {
        return requested != null ? requested : configured.get();
    }

    public boolean runsInProcess(String step, ExecutorChoice requested) {
        return choose(requested).runsInProcess(step);
    }

    /** Before a run: a remote executor it needs can be made and reaches its cluster (one-line reason otherwise). */
    public void check(ExecutorChoice requested) {
        if (choose(requested).kind() != ExecutorSettings.Kind.IN_PROCESS) {
            remote().check();
        }
    }

    public StepOutcome execute(StepSpec spec, ExecutorChoice requested) {
        return runsInProcess(spec.step(), requested) ? inProcess.execute(spec) : remote().execute(spec);
    }

    private RemoteExecutor remote() {
        RemoteExecutor r = made;
        if (r == null) {
            synchronized (this) {
                if (made == null) {
                    made = remote.get();
                }
                r = made;
            }
        }
        return r;
    }
}
