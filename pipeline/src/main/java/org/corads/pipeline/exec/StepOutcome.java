package org.corads.pipeline.exec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What running one {@link org.corads.steps.core.StepSpec} did.
 *
 * @param step       step name
 * @param cacheKey   content address of the outputs
 * @param status     {@code Computed}, {@code CacheHit} or {@code Failed}
 * @param outputs    output name → object and digest (empty when failed)
 * @param durationMs wall time of this execution (lookup, staging, compute, upload)
 * @param error      one-line reason when failed
 * @param badInput   true when the failure is the input's fault (rejected by a gate, unreadable)
 * @param job        the Kubernetes Job that ran it (remote execution only)
 * @param node       the node that Job's pod ran on (remote execution only)
 */
public record StepOutcome(String step, String cacheKey, Status status, Map<String, OutputRef> outputs, long durationMs,
        String error, boolean badInput, @JsonInclude(JsonInclude.Include.NON_NULL) String job,
        @JsonInclude(JsonInclude.Include.NON_NULL) String node) {

    /** An outcome of a step that ran in this JVM. */
    public StepOutcome(String step, String cacheKey, Status status, Map<String, OutputRef> outputs, long durationMs,
            String error, boolean badInput) {
        this(step, cacheKey, status, outputs, durationMs, error, badInput, null, null);
    }

    /** How a step ended. */
    public enum Status {
        Computed, CacheHit, Failed
    }

    /**
     * @param uri    {@code s3://bucket/key}
     * @param sha256 digest of the object's bytes
     */
    public record OutputRef(String uri, String sha256) {}

    public StepOutcome {
        outputs = Map.copyOf(outputs);
    }
}
