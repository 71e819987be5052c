package org.corads.pipeline.dag;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.exec.StepRegistry;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.StepSpec;
import org.jboss.logging.Logger;

/**
 * Runs a {@link RunPlan} in dependency order: resolves each step's inputs (object digests, or upstream
 * outputs), builds its {@link StepSpec} and hands it to {@code dispatch} (the stage's Camel route), recording
 * {@code run.json} after every step. A step whose upstream failed is skipped and counted as failed.
 */
public final class DagRunner {
    private static final Logger LOG = Logger.getLogger(DagRunner.class);
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private final Supplier<ObjectStore> store;
    private final StepRegistry registry;
    private final Function<StepSpec, StepOutcome> dispatch;

    public DagRunner(Supplier<ObjectStore> store, StepRegistry registry, Function<StepSpec, StepOutcome> dispatch) {
        this.store = store;
        this.registry = registry;
        this.dispatch = dispatch;
    }

    public RunDocument run(RunPlan plan) {
        var order = plan.topologicalOrder();
        for (RunPlan.PlannedStep s : order) {
            registry.get(s.step());
        }
        String runId = plan.runId() != null ? plan.runId() : UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        Map<String, StepOutcome> outcomes = new LinkedHashMap<>();
        int done = 0;
        for (RunPlan.PlannedStep s : order) {
            StepOutcome o = runOne(s, outcomes);
            outcomes.put(s.id(), o);
            done++;
            LOG.infof("[%d/%d] %s (%s): %s in %d ms", done, order.size(), s.id(), s.step(), o.status(), o.durationMs());
            record(document(runId, plan, outcomes, started, null, t0, done == order.size()));
        }
        RunDocument doc = document(runId, plan, outcomes, started, Instant.now().toString(), t0, true);
        record(doc);
        return doc;
    }

    private StepOutcome runOne(RunPlan.PlannedStep s, Map<String, StepOutcome> outcomes) {
        Map<String, StepSpec.InputRef> inputs = new LinkedHashMap<>();
        for (var e : s.inputs().entrySet()) {
            RunPlan.InputSource src = e.getValue();
            if (src.isUpstream()) {
                StepOutcome up = outcomes.get(src.from());
                StepOutcome.OutputRef ref = up == null ? null : up.outputs().get(src.output());
                if (ref == null) {
                    return new StepOutcome(s.step(), null, StepOutcome.Status.Failed, Map.of(), 0,
                            "skipped: upstream " + src.from() + " produced no " + src.output(), false);
                }
                inputs.put(e.getKey(), new StepSpec.InputRef(ref.uri(), ref.sha256()));
            } else {
                S3Uri uri = S3Uri.parse(src.uri());
                inputs.put(e.getKey(), new StepSpec.InputRef(uri.toString(), store.get().digestOf(uri)));
            }
        }
        StepSpec spec = new StepSpec(s.step(), registry.get(s.step()).version(), s.params(), inputs);
        return dispatch.apply(spec);
    }

    private static RunDocument document(String runId, RunPlan plan, Map<String, StepOutcome> outcomes, String started,
                                        String finished, long t0, boolean complete) {
        int computed = 0;
        int hits = 0;
        int failed = 0;
        for (StepOutcome o : outcomes.values()) {
            switch (o.status()) {
                case Computed -> computed++;
                case CacheHit -> hits++;
                case Failed -> failed++;
            }
        }
        String status = finished == null || !complete ? "running" : failed > 0 ? "failed" : "succeeded";
        return new RunDocument(runId, status, plan, outcomes, computed, hits, failed, started, finished,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private void record(RunDocument doc) {
        try {
            S3Uri uri = new S3Uri(store.get().config().buckets().work(), "runs/" + doc.runId() + "/run.json");
            store.get().putBytes(uri, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
