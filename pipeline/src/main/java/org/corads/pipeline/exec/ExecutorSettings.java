package org.corads.pipeline.exec;

import com.fasterxml.jackson.annotation.JsonValue;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.corads.steps.io.BadInputException;

/**
 * Where steps run ({@code corads.executor.*}; {@code CORADS_EXECUTOR_KIND=kubernetes},
 * {@code CORADS_EXECUTOR_REMOTE_STEPS=train,pretrain,lesion-train}).
 */
@ConfigMapping(prefix = "corads.executor")
public interface ExecutorSettings {

    /** Where steps run; written as its label ({@code in-process}, {@code kubernetes}). */
    enum Kind {
        /** in this JVM, through the stage's route */
        IN_PROCESS("in-process"),
        /** each step as its own Kubernetes Job */
        KUBERNETES("kubernetes");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @JsonValue
        @Override
        public String toString() {
            return label;
        }
    }

    /** {@code in-process} (default) or {@code kubernetes}. */
    @WithDefault("in-process")
    String kind();

    /** With {@code kubernetes}: the step kinds that run as Jobs (absent: all of them). */
    Optional<List<String>> remoteSteps();

    /** The kind as an enum; anything else is refused (a bad setting: exit 2) naming the accepted values. */
    default Kind parsedKind() {
        String k = kind().trim().toLowerCase(Locale.ROOT);
        for (Kind c : Kind.values()) {
            if (c.toString().equals(k)) {
                return c;
            }
        }
        throw new BadInputException("corads.executor.kind is '" + kind() + "'; expected one of "
                + Arrays.stream(Kind.values()).map(Kind::toString).collect(Collectors.joining(", ")));
    }

    /** The configured choice: what a run uses unless its study names an executor of its own. */
    default ExecutorChoice choice() {
        return new ExecutorChoice(parsedKind(), remoteSteps().orElse(List.of()));
    }
}
