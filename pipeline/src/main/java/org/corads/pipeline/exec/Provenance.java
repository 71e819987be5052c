package org.corads.pipeline.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.corads.steps.core.StepSpec;

/**
 * The {@code _step.json} sidecar, written last into a step's output prefix: its presence with every listed
 * output marks the outputs complete (a crash before it leaves no cache hit).
 *
 * @param step       step name
 * @param version    step version
 * @param cacheKey   the key the outputs live under
 * @param params     parameters as run
 * @param inputs     input name → object and digest
 * @param outputs    output name → object and digest
 * @param seed       random seed, when the step uses one (else null)
 * @param startedAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param host       host name of the machine that ran it
 * @param durationMs compute and upload time
 * @param timingsMs  how long parts of the step took, as the step recorded them (may be empty)
 */
public record Provenance(String step, int version, String cacheKey, JsonNode params,
        Map<String, StepSpec.InputRef> inputs, Map<String, StepOutcome.OutputRef> outputs, Long seed, String startedAt,
        String finishedAt, String host, long durationMs, Map<String, Long> timingsMs) {
    public static final String FILE = "_step.json";
}
