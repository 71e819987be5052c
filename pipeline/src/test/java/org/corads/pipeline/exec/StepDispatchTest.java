package org.corads.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.corads.steps.core.StepSpec;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;

/** A run's own executor choice wins over the configured one; the remote executor is made only when needed. */
class StepDispatchTest {
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger checked = new AtomicInteger();

    private static StepOutcome outcome(String where) {
        return new StepOutcome(where, null, StepOutcome.Status.Computed, Map.of(), 0, null, false);
    }

    private StepDispatch dispatch(ExecutorChoice configured, boolean reachable) {
        return new StepDispatch(spec -> outcome("here"), () -> {
            made.incrementAndGet();
            return new StepDispatch.RemoteExecutor() {
                @Override
                public void check() {
                    checked.incrementAndGet();
                    if (!reachable) {
                        throw new IllegalStateException("executor kubernetes: cannot list Jobs");
                    }
                }

                @Override
                public StepOutcome execute(StepSpec spec) {
                    return outcome("job");
                }
            };
        }, () -> configured);
    }

    private static StepSpec spec(String step) {
        return new StepSpec(step, 1, NullNode.getInstance(), Map.of());
    }

    @Test
    void withoutAStudyChoiceTheConfiguredExecutorRunsTheConfiguredStepKindsRemotely() {
        StepDispatch d = dispatch(new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of("train")), true);
        assertThat(d.execute(spec("train"), null).step()).isEqualTo("job");
        assertThat(d.execute(spec("resample"), null).step()).isEqualTo("here");
        assertThat(d.runsInProcess("train", null)).isFalse();
    }

    @Test
    void aStudyThatChoosesInProcessNeverMakesTheRemoteExecutor() {
        StepDispatch d = dispatch(new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of()), true);
        d.check(ExecutorChoice.IN_PROCESS);
        assertThat(d.execute(spec("train"), ExecutorChoice.IN_PROCESS).step()).isEqualTo("here");
        assertThat(d.runsInProcess("train", ExecutorChoice.IN_PROCESS)).isTrue();
        assertThat(made).hasValue(0);
    }

    @Test
    void aStudyThatChoosesKubernetesOnAnInProcessDeploymentGetsJobsForItsStepKinds() {
        StepDispatch d = dispatch(ExecutorChoice.IN_PROCESS, true);
        ExecutorChoice study = new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of("pretrain", "train"));
        d.check(study);
        assertThat(d.execute(spec("pretrain"), study).step()).isEqualTo("job");
        assertThat(d.execute(spec("grade"), study).step()).isEqualTo("here");
        assertThat(d.execute(spec("train"), null).step()).isEqualTo("here");
        assertThat(made).hasValue(1);
        assertThat(checked).hasValue(1);
    }

    @Test
    void anUnreachableClusterIsReportedBeforeTheRunStarts() {
        StepDispatch d = dispatch(ExecutorChoice.IN_PROCESS, false);
        assertThatThrownBy(() -> d.check(new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of())))
                .hasMessage("executor kubernetes: cannot list Jobs");
        assertThat(StepDispatch.inProcess(spec -> outcome("here")).choose(null)).isEqualTo(ExecutorChoice.IN_PROCESS);
    }

    private static ExecutorSettings settings(String kind) {
        return new ExecutorSettings() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Optional<List<String>> remoteSteps() {
                return Optional.of(List.of("train"));
            }
        };
    }

    @Test
    void aBadlyConfiguredKindIsABadSettingReportedWhenARunAsksForIt() {
        assertThat(settings(" Kubernetes ").choice())
                .isEqualTo(new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of("train")));
        StepDispatch d = new StepDispatch(spec -> outcome("here"), () -> null, settings("slurm")::choice);
        assertThatThrownBy(() -> d.choose(null)).isInstanceOf(BadInputException.class)
                .hasMessage("corads.executor.kind is 'slurm'; expected one of in-process, kubernetes");
        assertThat(d.choose(ExecutorChoice.IN_PROCESS)).isEqualTo(ExecutorChoice.IN_PROCESS);
    }

    @Test
    void theChoiceDescribesItselfInOneLine() {
        assertThat(ExecutorChoice.IN_PROCESS.describe()).isEqualTo("in-process");
        assertThat(new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of()).describe())
                .isEqualTo("kubernetes (every step as a Job)");
        assertThat(new ExecutorChoice(ExecutorSettings.Kind.KUBERNETES, List.of("train")).describe())
                .isEqualTo("kubernetes (Jobs: train; the other steps in process)");
    }
}
