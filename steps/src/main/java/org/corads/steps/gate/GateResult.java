package org.corads.steps.gate;

import java.util.List;
import org.corads.steps.volume.VolumeStats;

/**
 * Outcome of the {@link InputGate}.
 *
 * @param passed   true when no problem was found
 * @param problems one line each, empty when passed
 * @param stats    the statistics the gate computed (reused by callers, e.g. for {@code info})
 */
public record GateResult(boolean passed, List<String> problems, VolumeStats stats) {
    public GateResult {
        problems = List.copyOf(problems);
    }

    /** All problems in one line. */
    public String summary() {
        return String.join("; ", problems);
    }
}
