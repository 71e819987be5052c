package org.corads.pipeline.dag;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.corads.pipeline.exec.ExecutorChoice;
import org.corads.pipeline.exec.Provenance;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepContext;
import org.corads.pipeline.exec.StepDispatch;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StorageException;
import org.corads.steps.core.StepSpec;
import org.corads.steps.core.Work;
import org.jboss.logging.Logger;

/**
 * Runs a {@link RunPlan} in dependency order: resolves each step's inputs (object digests, or upstream
 * outputs), builds its {@link StepSpec} and hands it to {@code dispatch} (the stage's Camel route), recording
 * {@code run.json} after every step. A step whose upstream failed is skipped and counted as failed.
 */
public final class DagRunner {
    private static final Logger LOG = Logger.getLogger(DagRunner.class);

    private final StepCache cache;
    private final StepRegistry registry;
    private final StepDispatch dispatch;
    private final Consumer<RunDocument> recorder;
    /** run.json is rewritten at most this often while running (it holds the whole plan: ~1 MB for 1000 steps). */
    private static final long RECORD_EVERY_NANOS = 10_000_000_000L;
    /** Steps that use every core (training, network inference) run one at a time. */
    private final Semaphore exclusive = new Semaphore(1, true);

    public DagRunner(StepCache cache, StepRegistry registry, Function<StepSpec, StepOutcome> dispatch) {
        this(cache, registry, dispatch, cache::recordRun);
    }

    /**
     * @param cache    where object inputs are resolved and cached outputs looked up
     * @param registry the steps
     * @param dispatch runs one step in this JVM (the stage's route)
     * @param recorder receives the run document as steps finish and at the end
     */
    public DagRunner(StepCache cache, StepRegistry registry, Function<StepSpec, StepOutcome> dispatch,
            Consumer<RunDocument> recorder) {
        this(cache, registry, StepDispatch.inProcess(dispatch::apply), recorder);
    }

    /**
     * @param dispatch runs one step where the plan's executor choice says: heavy steps take turns only when they
     *                     compute in this JVM; with remote executors the cluster schedules, and as many ready steps
     *                     as the plan allows are handed out
     */
    public DagRunner(StepCache cache, StepRegistry registry, StepDispatch dispatch, Consumer<RunDocument> recorder) {
        this.cache = cache;
        this.registry = registry;
        this.dispatch = dispatch;
        this.recorder = recorder;
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
        Progress progress = listener != null ? listener : (d, t, id, o, eta) -> {};
        var order = plan.topologicalOrder();
        for (RunPlan.PlannedStep s : order) {
            registry.get(s.step());
        }
        dispatch.check(plan.executor());
        String runId = plan.runId() != null ? plan.runId() : UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        String started = Instant.now().toString();
        Map<String, StepOutcome> outcomes = new ConcurrentHashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<RunPlan.PlannedStep>> dependents = new HashMap<>();
        for (RunPlan.PlannedStep s : order) {
            Set<String> ups = new HashSet<>();
            s.inputs().values().stream().filter(RunPlan.InputSource::isUpstream).forEach(i -> ups.add(i.from()));
            waiting.put(s.id(), ups.size());
            ups.forEach(u -> dependents.computeIfAbsent(u, k -> new ArrayList<>()).add(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(plan.parallelism());
        ExecutorCompletionService<String> done = new ExecutorCompletionService<>(pool);
        int running = 0;
        int finished = 0;
        boolean cancelled = false;
        boolean unreachable = false;
        long lastRecord = 0;
        RunEstimate estimate = new RunEstimate(RunEstimate.PRIORS);
        Map<String, Map.Entry<Work, Boolean>> work = new HashMap<>();
        for (RunPlan.PlannedStep s : order) {
            boolean together = registry.get(s.step()).exclusive() && dispatch.runsInProcess(s.step(), plan.executor());
            work.put(s.id(), Map.entry(registry.work(s.step(), s.params()), together));
        }
        try {
            for (RunPlan.PlannedStep s : order) {
                if (waiting.get(s.id()) == 0) {
                    submit(runId, plan.executor(), done, s, outcomes);
                    running++;
                }
            }
            while (running > 0) {
                String id = take(done);
                if (id == null) {
                    cancelled = true;
                    break;
                }
                running--;
                finished++;
                StepOutcome o = outcomes.get(id);
                estimate.finished(work.get(id).getKey(), o);
                long eta = eta(order, outcomes, work, estimate, plan.parallelism());
                LOG.infof("[%d/%d] %s (%s): %s in %d ms, ETA %s", finished, order.size(), id, o.step(), o.status(),
                        o.durationMs(), eta > 0 ? eta + " s" : "-");
                progress.step(finished, order.size(), id, o, eta);
                if (o.status() == StepOutcome.Status.Failed && !o.badInput() && storageGone()) {
                    // every later step would fail the same way after its retries: stop now, resume later
                    unreachable = true;
                    break;
                }
                for (RunPlan.PlannedStep d : dependents.getOrDefault(id, List.of())) {
                    if (waiting.merge(d.id(), -1, Integer::sum) == 0) {
                        submit(runId, plan.executor(), done, d, outcomes);
                        running++;
                    }
                }
                if (System.nanoTime() - lastRecord > RECORD_EVERY_NANOS) {
                    record(document(runId, plan, order, outcomes, started, null, t0));
                    lastRecord = System.nanoTime();
                }
            }
        } catch (RuntimeException e) {
            if (!interrupted(e)) {
                throw e;
            }
            // interrupted while recording progress or writing the run document: the run is being cancelled
            cancelled = true;
        } finally {
            pool.shutdownNow();
        }
        if (cancelled) {
            Thread.interrupted(); // the flag has done its work; the run document below must still be written
        }
        if (unreachable) {
            awaitQuietly(pool);
            throw new StorageException("storage at " + cache.store().config().endpoint() + " stopped answering; the run"
                    + " stopped after " + finished + " of " + order.size() + " steps (everything finished is stored)."
                    + " Run it again when storage is back: finished steps are not recomputed", false, null);
        }
        if (cancelled) {
            // the steps under way were interrupted: wait for them to stop so that nothing of this run goes on
            awaitQuietly(pool);
            RunDocument doc = document(runId, plan, order, outcomes, started, Instant.now().toString(), t0);
            record(new RunDocument(doc.runId(), "cancelled", doc.plan(), doc.outcomes(), doc.computed(),
                    doc.cacheHits(), doc.failed(), doc.startedAt(), doc.finishedAt(), doc.durationMs()));
            throw new CancellationException(
                    "run " + runId + " cancelled after " + finished + " of " + order.size() + " steps");
        }
        RunDocument doc = document(runId, plan, order, outcomes, started, Instant.now().toString(), t0);
        record(doc);
        return doc;
    }

    /** Seconds left for the steps without an outcome yet (see {@link RunEstimate}). */
    private static long eta(List<RunPlan.PlannedStep> order, Map<String, StepOutcome> outcomes,
            Map<String, Map.Entry<Work, Boolean>> work, RunEstimate estimate, int parallelism) {
        List<Map.Entry<Work, Boolean>> left = new ArrayList<>();
        for (RunPlan.PlannedStep s : order) {
            if (!outcomes.containsKey(s.id())) {
                left.add(work.get(s.id()));
            }
        }
        return estimate.secondsLeft(left, parallelism);
    }

    private void submit(String runId, ExecutorChoice executor, ExecutorCompletionService<String> done,
            RunPlan.PlannedStep s, Map<String, StepOutcome> outcomes) {
        done.submit(() -> {
            StepOutcome o;
            try {
                o = StepThread.call("step " + s.id(), () -> runOne(runId, executor, s, outcomes));
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed", s.id());
                o = new StepOutcome(s.step(), null, StepOutcome.Status.Failed, Map.of(), 0,
                        e.getMessage() == null ? e.toString() : e.getMessage(), false);
            }
            outcomes.put(s.id(), o);
            return s.id();
        });
    }

    /** The next finished step's id, or null when this thread was interrupted (the run is being cancelled). */
    private static String take(ExecutorCompletionService<String> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether {@code e} comes from this thread being interrupted (a cancellation), directly or through I/O. */
    private static boolean interrupted(RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof InterruptedIOException
                    || c instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /** Whether storage stopped answering (one request, no retries); a runner without storage never stops for it. */
    private boolean storageGone() {
        ObjectStore store;
        try {
            store = cache.store();
        } catch (RuntimeException none) {
            return false;
        }
        return !store.reachable();
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("steps of a cancelled run are still stopping after 2 min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        Map<String, Preview.Status> status = new HashMap<>();
        for (RunPlan.PlannedStep s : plan.topologicalOrder()) {
            Map<String, StepSpec.InputRef> inputs = new LinkedHashMap<>();
            Preview.Status st = null;
            for (var e : s.inputs().entrySet()) {
                RunPlan.InputSource src = e.getValue();
                if (src.isUpstream()) {
                    Map<String, StepOutcome.OutputRef> up = cachedOutputs.get(src.from());
                    StepOutcome.OutputRef ref = up == null ? null : up.get(src.output());
                    if (ref == null) {
                        st = status.get(src.from()) == Preview.Status.BLOCKED
                                ? Preview.Status.BLOCKED
                                : Preview.Status.TO_RUN;
                        break;
                    }
                    inputs.put(e.getKey(), new StepSpec.InputRef(ref.uri(), ref.sha256()));
                } else {
                    S3Uri uri = S3Uri.parse(src.uri());
                    if (!cache.exists(uri)) {
                        st = Preview.Status.BLOCKED;
                        break;
                    }
                    inputs.put(e.getKey(), cache.input(uri));
                }
            }
            String key = null;
            if (st == null) {
                StepSpec spec = registry.spec(s.step(), s.params(), inputs);
                key = spec.cacheKey().hex();
                Optional<Provenance> hit = cache.lookup(spec);
                st = hit.isPresent() ? Preview.Status.CACHED : Preview.Status.TO_RUN;
                hit.ifPresent(p -> cachedOutputs.put(s.id(), p.outputs()));
            }
            status.put(s.id(), st);
            out.add(new Preview(s.id(), s.step(), st, key));
        }
        return out;
    }

    /** One line of {@link #preview}: step id, step, what a run would do with it, and its cache key when known. */
    public record Preview(String id, String step, Status status, String cacheKey) {

        /** What running the plan now would do with a step. */
        public enum Status {
            /** a complete output set exists for its cache key */
            CACHED("cached"),
            /** it would compute */
            TO_RUN("to-run"),
            /** an input object is missing */
            BLOCKED("blocked");

            private final String label;

            Status(String label) {
                this.label = label;
            }

            @JsonValue
            @Override
            public String toString() {
                return label;
            }
        }
    }

    private StepOutcome runOne(String runId, ExecutorChoice executor, RunPlan.PlannedStep s,
            Map<String, StepOutcome> outcomes) {
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
                inputs.put(e.getKey(), cache.input(S3Uri.parse(src.uri())));
            }
        }
        StepSpec spec = registry.spec(s.step(), s.params(), inputs);
        StepContext context = new StepContext(runId, s.id());
        if (!registry.get(s.step()).exclusive() || !dispatch.runsInProcess(s.step(), executor)) {
            return context.around(() -> dispatch.execute(spec, executor));
        }
        try {
            exclusive.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome(s.step(), null, StepOutcome.Status.Failed, Map.of(), 0,
                    "cancelled before it started", false);
        }
        try {
            return context.around(() -> dispatch.execute(spec, executor));
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
        recorder.accept(doc);
    }
}
