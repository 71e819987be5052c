package org.corads.steps.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to run exactly one step anywhere (in process, or as a Kubernetes Job running
 * {@code run-step --spec}): the step and version, its parameters, and its input objects with their digests.
 * Where its outputs are stored follows from the cache key; the pipeline's {@code StepCache} owns that layout.
 *
 * @param step    step name
 * @param version step version the spec was planned with; the executor refuses another
 * @param params  parameters as JSON
 * @param inputs  input name → object and digest
 */
public record StepSpec(String step, int version, JsonNode params, Map<String, InputRef> inputs) {

    /**
     * @param uri    {@code s3://bucket/key}
     * @param sha256 hex digest of the object's bytes
     */
    public record InputRef(String uri, String sha256) {}

    public StepSpec {
        inputs = Map.copyOf(new TreeMap<>(inputs));
    }

    public CacheKey cacheKey() {
        Map<String, String> digests = new TreeMap<>();
        inputs.forEach((k, v) -> digests.put(k, v.sha256()));
        return CacheKey.of(step, version, params, digests);
    }
}
