package org.corads.pipeline.exec;

import org.corads.steps.core.StepSpec;

/**
 * Runs one step from its spec. The in-process executor does it in this JVM; a Kubernetes Job executor
 * (later) runs {@code run-step --spec} in a pod. Either way the outcome is read back from storage.
 */
public interface StepExecutor {

    StepOutcome execute(StepSpec spec);
}
