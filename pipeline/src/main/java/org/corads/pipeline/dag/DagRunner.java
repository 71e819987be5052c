package org.corads.pipeline.dag;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** run.json is rewritten at most this often while running (it holds the whole plan: ~1 MB for 1000 steps). */
    private static final long RECORD_EVERY_NANOS = 10_000_000_000L;
    /** Steps that use every core (training, network inference) run one at a time. */
    private final java.util.concurrent.Semaphore exclusive = new java.util.concurrent.Semaphore(1, true);

    public DagRunner(Supplier<ObjectStore> store, StepRegistry registry, Function<StepSpec, StepOutcome> dispatch) {
        this.store = store;
        this.registry = registry;
        this.dispatch = dispatch;
    }

    /** Progress listener: steps done, total, the step's id and its outcome, and an ETA in seconds (or −1). */
    public interface Progress {
        void step(int done, int total, String id, StepOutcome outcome, long etaSeconds);
    }

    public RunDocument run(RunPlan plan) {
        return execute(plan, null);
    }

    /**
     * Runs the plan with up to {@link RunPlan#parallelism()} independent steps at once: a step starts as soon as
     * every step it reads from has finished; steps that use every core ({@code Step.exclusive()}) take turns.
     * {@code run.json} is rewritten as steps finish (at most every 10 s,
     * and at the end); outcomes in it are listed in plan order.
     */
    public RunDocument execute(RunPlan plan, Progress listener) {
        Progress progress = listener != null ? listener : (d, t, id, o, eta) -> { };
        var order = plan.topologicalOrder();
        for (RunPlan.PlannedStep s : order) {
            registry.get(s.step());
        }
        String runId = plan.runId() != null ? plan.runId() : UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        Map<String, StepOutcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<RunPlan.PlannedStep>> dependents = new HashMap<>();
        for (RunPlan.PlannedStep s : order) {
            java.util.Set<String> ups = new java.util.HashSet<>();
            s.inputs().values().stream().filter(RunPlan.InputSource::isUpstream).forEach(i -> ups.add(i.from()));
            waiting.put(s.id(), ups.size());
            ups.forEach(u -> dependents.computeIfAbsent(u, k -> new ArrayList<>()).add(s));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(plan.parallelism());
        java.util.concurrent.ExecutorCompletionService<String> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
        int running = 0;
        int finished = 0;
        long lastRecord = 0;
        Map<String, long[]> perStep = new HashMap<>(); // step name → {finished, total ms}
        try {
            for (RunPlan.PlannedStep s : order) {
                if (waiting.get(s.id()) == 0) {
                    submit(done, s, outcomes);
                    running++;
                }
            }
            while (running > 0) {
                String id = take(done);
                running--;
                finished++;
                StepOutcome o = outcomes.get(id);
                long[] agg = perStep.computeIfAbsent(o.step(), k -> new long[2]);
                agg[0]++;
                agg[1] += o.durationMs();
                long eta = eta(order, outcomes, perStep, plan.parallelism());
                LOG.infof("[%d/%d] %s (%s): %s in %d ms, ETA %s", finished, order.size(), id, o.step(), o.status(), o.durationMs(),
                        eta > 0 ? eta + " s" : "-");
                progress.step(finished, order.size(), id, o, eta);
                for (RunPlan.PlannedStep d : dependents.getOrDefault(id, List.of())) {
                    if (waiting.merge(d.id(), -1, Integer::sum) == 0) {
                        submit(done, d, outcomes);
                        running++;
                    }
                }
                if (System.nanoTime() - lastRecord > RECORD_EVERY_NANOS) {
                    record(document(runId, plan, order, outcomes, started, null, t0));
                    lastRecord = System.nanoTime();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        RunDocument doc = document(runId, plan, order, outcomes, started, Instant.now().toString(), t0);
        record(doc);
        return doc;
    }

    /**
     * Seconds left: each unfinished step is expected to take the mean duration of the finished steps of the same
     * kind (or of all finished steps, a rough guess for kinds not seen yet), divided among the concurrent workers.
     */
    private static long eta(List<RunPlan.PlannedStep> order, Map<String, StepOutcome> outcomes, Map<String, long[]> perStep,
                            int parallelism) {
        long n = 0;
        long ms = 0;
        for (long[] a : perStep.values()) {
            n += a[0];
            ms += a[1];
        }
        double all = n == 0 ? 0 : (double) ms / n;
        double left = 0;
        boolean unknown = false;
        for (RunPlan.PlannedStep s : order) {
            if (!outcomes.containsKey(s.id())) {
                long[] a = perStep.get(s.step());
                unknown |= a == null;
                left += a == null ? all : (double) a[1] / a[0];
            }
        }
        return unknown && n == 0 ? -1 : Math.round(left / 1000 / parallelism);
    }

    private void submit(java.util.concurrent.ExecutorCompletionService<String> done, RunPlan.PlannedStep s,
                        Map<String, StepOutcome> outcomes) {
        done.submit(() -> {
            StepOutcome o;
            try {
                o = runOne(s, outcomes);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed", s.id());
                o = new StepOutcome(s.step(), null, StepOutcome.Status.Failed, Map.of(), 0,
                        e.getMessage() == null ? e.toString() : e.getMessage(), false);
            }
            outcomes.put(s.id(), o);
            return s.id();
        });
    }

    private static String take(java.util.concurrent.ExecutorCompletionService<String> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the plan", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * What running the plan now would do, without running anything: for each step in dependency order,
     * {@code cached} (a complete output set exists for its cache key), {@code to-run}, or {@code blocked}
     * (an input object is missing).
     */
    public List<Preview> preview(RunPlan plan) {
        List<Preview> out = new ArrayList<>();
        Map<String, Map<String, StepOutcome.OutputRef>> cachedOutputs = new HashMap<>();
        Map<String, String> status = new HashMap<>();
        for (RunPlan.PlannedStep s : plan.topologicalOrder()) {
            Map<String, StepSpec.InputRef> inputs = new LinkedHashMap<>();
            String st = null;
            for (var e : s.inputs().entrySet()) {
                RunPlan.InputSource src = e.getValue();
                if (src.isUpstream()) {
                    Map<String, StepOutcome.OutputRef> up = cachedOutputs.get(src.from());
                    StepOutcome.OutputRef ref = up == null ? null : up.get(src.output());
                    if (ref == null) {
                        st = "blocked".equals(status.get(src.from())) ? "blocked" : "to-run";
                        break;
                    }
                    inputs.put(e.getKey(), new StepSpec.InputRef(ref.uri(), ref.sha256()));
                } else {
                    S3Uri uri = S3Uri.parse(src.uri());
                    if (store.get().stat(uri).isEmpty()) {
                        st = "blocked";
                        break;
                    }
                    inputs.put(e.getKey(), new StepSpec.InputRef(uri.toString(), store.get().digestOf(uri)));
                }
            }
            String key = null;
            if (st == null) {
                StepSpec spec = new StepSpec(s.step(), registry.get(s.step()).version(), s.params(), inputs);
                key = spec.cacheKey().hex();
                Map<String, StepOutcome.OutputRef> outs = cached(spec);
                st = outs == null ? "to-run" : "cached";
                if (outs != null) {
                    cachedOutputs.put(s.id(), outs);
                }
            }
            status.put(s.id(), st);
            out.add(new Preview(s.id(), s.step(), st, key));
        }
        return out;
    }

    /** One line of {@link #preview}: step id, step, {@code cached | to-run | blocked}, cache key when known. */
    public record Preview(String id, String step, String status, String cacheKey) {
    }

    private Map<String, StepOutcome.OutputRef> cached(StepSpec spec) {
        try {
            S3Uri sidecar = new S3Uri(store.get().config().buckets().work(), spec.outputPrefix() + org.corads.pipeline.exec.Provenance.FILE);
            if (store.get().stat(sidecar).isEmpty()) {
                return null;
            }
            var p = JSON.readValue(store.get().getBytes(sidecar), org.corads.pipeline.exec.Provenance.class);
            for (StepOutcome.OutputRef o : p.outputs().values()) {
                if (store.get().stat(S3Uri.parse(o.uri())).isEmpty()) {
                    return null;
                }
            }
            return p.outputs();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (!registry.get(s.step()).exclusive()) {
            return dispatch.apply(spec);
        }
        exclusive.acquireUninterruptibly();
        try {
            return dispatch.apply(spec);
        } finally {
            exclusive.release();
        }
    }

    private static RunDocument document(String runId, RunPlan plan, List<RunPlan.PlannedStep> order,
                                        Map<String, StepOutcome> all, String started, String finished, long t0) {
        Map<String, StepOutcome> outcomes = new LinkedHashMap<>();
        for (RunPlan.PlannedStep s : order) {
            StepOutcome o = all.get(s.id());
            if (o != null) {
                outcomes.put(s.id(), o);
            }
        }
        boolean complete = outcomes.size() == order.size();
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
