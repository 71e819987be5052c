package org.corads.pipeline.exec;

import java.util.List;

/**
 * Where a run's steps execute: a study's {@code executor:} key, or the deployment's {@code corads.executor.*} when
 * the study names none. Recorded with the run's plan, so the run document says where its steps ran.
 *
 * @param kind        {@code in-process} or {@code kubernetes}
 * @param remoteSteps with {@code kubernetes}: the step kinds that run as Jobs (empty: every kind)
 */
public record ExecutorChoice(ExecutorSettings.Kind kind, List<String> remoteSteps) {
    /** Everything in this JVM. */
    public static final ExecutorChoice IN_PROCESS = new ExecutorChoice(ExecutorSettings.Kind.IN_PROCESS, List.of());

    public ExecutorChoice {
        if (kind == null) {
            throw new IllegalArgumentException("an executor needs a kind: in-process or kubernetes");
        }
        remoteSteps = remoteSteps == null ? List.of() : List.copyOf(remoteSteps);
    }

    /** Whether a step of this kind computes in this JVM (heavy ones then take turns on its cores). */
    public boolean runsInProcess(String step) {
        return kind == ExecutorSettings.Kind.IN_PROCESS || !remoteSteps.isEmpty() && !remoteSteps.contains(step);
    }

    /** One line: {@code in-process}, {@code kubernetes (every step as a Job)}, {@code kubernetes (Jobs: train; …)}. */
    public String describe() {
        if (kind == ExecutorSettings.Kind.IN_PROCESS) {
            return kind.toString();
        }
        return kind + (remoteSteps.isEmpty()
                ? " (every step as a Job)"
                : " (Jobs: " + String.join(", ", remoteSteps) + "; the other steps in process)");
    }
}
