package org.corads.pipeline.dag;

import java.util.LinkedHashMap;
import java.util.Map;
import org.corads.pipeline.exec.StepOutcome;

/**
 * {@code work/runs/<runId>/run.json}: the plan, each step's outcome (Computed / CacheHit / Failed) and
 * duration, and totals. Rewritten after every step, so a reader sees progress.
 *
 * @param runId      run id
 * @param status     {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param plan       the plan as submitted
 * @param outcomes   step id → outcome, in execution order
 * @param computed   steps computed
 * @param cacheHits  steps served from cache
 * @param failed     steps failed or skipped because an upstream step failed
 * @param startedAt  ISO-8601
 * @param finishedAt ISO-8601, null while running
 * @param durationMs total wall time so far
 */
public record RunDocument(String runId, String status, RunPlan plan, Map<String, StepOutcome> outcomes, int computed,
        int cacheHits, int failed, String startedAt, String finishedAt, long durationMs) {

    public RunDocument {
        outcomes = new LinkedHashMap<>(outcomes);
    }

    @Override
    public Map<String, StepOutcome> outcomes() {
        return new LinkedHashMap<>(outcomes);
    }
}
