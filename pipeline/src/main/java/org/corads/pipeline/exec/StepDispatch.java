package org.corads.pipeline.exec;

import java.util.Set;
import org.corads.steps.core.StepSpec;

/**
 * Which executor runs a step: in this JVM, or remotely (a Kubernetes Job) for the step kinds configured so. The
 * stage routes call it; the DAG runner asks {@link #runsInProcess} to know whether heavy steps must take turns on
 * this machine's cores (remote ones are scheduled by the cluster).
 */
public final class StepDispatch {
    private final StepExecutor inProcess;
    private final StepExecutor remote;
    private final Set<String> remoteSteps;

    /**
     * @param remote      the remote executor, or null for none
     * @param remoteSteps the step kinds it runs; empty = every kind
     */
    public StepDispatch(StepExecutor inProcess, StepExecutor remote, Set<String> remoteSteps) {
        this.inProcess = inProcess;
        this.remote = remote;
        this.remoteSteps = Set.copyOf(remoteSteps);
    }

    public boolean runsInProcess(String step) {
        return remote == null || !remoteSteps.isEmpty() && !remoteSteps.contains(step);
    }

    public StepOutcome execute(StepSpec spec) {
        return runsInProcess(spec.step()) ? inProcess.execute(spec) : remote.execute(spec);
    }
}
