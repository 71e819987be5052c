package org.corads.pipeline.dag;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corads.pipeline.exec.ExecutorChoice;

/**
 * A list of steps with their dependencies, as JSON:
 * <pre>{"runId": "optional", "steps": [
 * {"id": "ingest-ct", "step": "ingest", "params": {...}, "inputs": {"scan": {"uri": "s3://scans/ct.nii.gz"}}},
 * {"id": "norm-ct", "step": "clip-normalise", "params": {...},
 * "inputs": {"volume": {"from": "ingest-ct", "output": "volume.mha"}}}]}</pre>
 * An input is either an object ({@code uri}) or another step's output ({@code from} + {@code output}).
 *
 * @param runId       optional run id (letters, digits, '-'); generated when absent
 * @param steps       the steps, in any order
 * @param concurrency independent steps run at once (1 when absent)
 * @param executor    where the steps run (absent: the deployment's configured executor)
 */
public record RunPlan(String runId, List<PlannedStep> steps, Integer concurrency,
        @JsonInclude(JsonInclude.Include.NON_NULL) ExecutorChoice executor) {

    public RunPlan(String runId, List<PlannedStep> steps) {
        this(runId, steps, null, null);
    }

    public RunPlan(String runId, List<PlannedStep> steps, Integer concurrency) {
        this(runId, steps, concurrency, null);
    }

    /** The concurrency limit, at least 1. */
    public int parallelism() {
        return concurrency == null ? 1 : Math.max(1, concurrency);
    }

    /**
     * @param id     unique within the plan
     * @param step   registered step name
     * @param params parameters as JSON
     * @param inputs input name → source
     */
    public record PlannedStep(String id, String step, JsonNode params, Map<String, InputSource> inputs) {
        public PlannedStep {
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }
    }

    /** An object URI, or the output of another step of the plan. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputSource(String uri, String from, String output) {
        @JsonIgnore
        public boolean isUpstream() {
            return from != null;
        }
    }

    public RunPlan {
        steps = List.copyOf(steps);
        if (concurrency != null && concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be ≥ 1, got " + concurrency);
        }
        if (runId != null && !runId.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("runId '" + runId + "' must be 1–64 letters, digits or '-'");
        }
    }

    /** The steps in dependency order (Kahn's algorithm); rejects unknown references and cycles. */
    public List<PlannedStep> topologicalOrder() {
        Map<String, PlannedStep> byId = new HashMap<>();
        for (PlannedStep s : steps) {
            if (s.id() == null || byId.put(s.id(), s) != null) {
                throw new IllegalArgumentException("step ids must be present and unique; offending id: " + s.id());
            }
        }
        Map<String, Integer> indegree = new HashMap<>();
        for (PlannedStep s : steps) {
            int n = 0;
            for (InputSource in : s.inputs().values()) {
                if (in.isUpstream()) {
                    if (!byId.containsKey(in.from())) {
                        throw new IllegalArgumentException(
                                "step " + s.id() + " reads from unknown step '" + in.from() + "'");
                    }
                    n++;
                } else if (in.uri() == null) {
                    throw new IllegalArgumentException("step " + s.id() + " has an input with neither uri nor from");
                }
            }
            indegree.put(s.id(), n);
        }
        List<PlannedStep> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (order.size() < steps.size()) {
            boolean progressed = false;
            for (PlannedStep s : steps) {
                if (!done.contains(s.id()) && s.inputs().values().stream().filter(InputSource::isUpstream)
                        .allMatch(i -> done.contains(i.from()))) {
                    order.add(s);
                    done.add(s.id());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalArgumentException("the plan has a dependency cycle among its steps");
            }
        }
        return order;
    }
}
