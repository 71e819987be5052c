package org.corads.pipeline.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.corads.pipeline.exec.Provenance;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepContext;
import org.corads.pipeline.exec.StepDispatch;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.steps.core.Step;
import org.corads.steps.core.StepSpec;
import org.jboss.logging.Logger;

/**
 * Runs each step as its own Kubernetes Job. A cache hit is decided first and creates nothing. Otherwise the
 * StepSpec is stored at its content address, and a Job running {@code run-step --spec <uri>} is created with the
 * step's resources and labels; the executor watches it to its end. The outcome is read from the step's sidecar in
 * the bucket — never from logs. A failure carries the reason Kubernetes gives (OOMKilled with the limit,
 * DeadlineExceeded, ImagePullBackOff, Evicted, Unschedulable) and the last lines of the pod's log; failures of the
 * infrastructure are retried up to a bound with a new Job, a step that rejected its input (exit 2) never is.
 */
public final class KubernetesJobExecutor implements StepDispatch.RemoteExecutor {
    private static final Logger LOG = Logger.getLogger(KubernetesJobExecutor.class);
    private static final int LOG_LINES = 20;

    private final KubernetesClient k8s;
    private final String namespace;
    private final StepCache cache;
    private final StepRegistry registry;
    private final JobTemplate template;
    private final int maxAttempts;
    private final Duration startTimeout;
    private final Duration pollEvery;

    public KubernetesJobExecutor(KubernetesClient k8s, String namespace, StepCache cache, StepRegistry registry,
            JobTemplate template, int maxAttempts, Duration startTimeout, Duration pollEvery) {
        this.k8s = k8s;
        this.namespace = namespace;
        this.cache = cache;
        this.registry = registry;
        this.template = template;
        this.maxAttempts = maxAttempts;
        this.startTimeout = startTimeout;
        this.pollEvery = pollEvery;
    }

    /** Lists the namespace's Jobs once: the API server answers and this service account may see Jobs there. */
    @Override
    public void check() {
        try {
            k8s.batch().v1().jobs().inNamespace(namespace).list();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("executor kubernetes: cannot list Jobs in namespace '" + namespace + "' at "
                    + k8s.getMasterUrl() + " (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "no answer" : s.lines().findFirst().orElse("no answer");
    }

    @Override
    public StepOutcome execute(StepSpec asGiven) {
        long t0 = System.nanoTime();
        Step<?> step = registry.get(asGiven.step());
        StepSpec spec = registry.canonical(asGiven);
        String key = spec.cacheKey().hex();
        Optional<Provenance> hit = cache.verifiedLookup(spec);
        if (hit.isPresent()) {
            return new StepOutcome(spec.step(), key, StepOutcome.Status.CacheHit, hit.get().outputs(), millis(t0), null,
                    false);
        }
        String specUri = cache.putSpec(spec).toString();
        StepContext ctx = StepContext.current();
        List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String name = jobName(spec.step(), key, attempt);
            Job job = template.job(name, specUri, labels(ctx, spec.step(), key), step.exclusive());
            JobState state = run(job);
            String where = "Job " + name + (state.node() == null ? "" : " on node " + state.node());
            if (state.phase() == JobState.Phase.SUCCEEDED) {
                Optional<Provenance> done = cache.lookup(spec);
                if (done.isPresent()) {
                    LOG.infof("%s %s: computed by %s", spec.step(), key.substring(0, 12), where);
                    return new StepOutcome(spec.step(), key, StepOutcome.Status.Computed, done.get().outputs(),
                            millis(t0), null, false, name, state.node());
                }
                state = new JobState(JobState.Phase.FAILED, "the Job succeeded but left no complete cache entry", null,
                        state.node());
            }
            String error = where + ": " + state.reason() + logTail(name);
            attempts.add(error);
            if (!state.retryable()) {
                return new StepOutcome(spec.step(), key, StepOutcome.Status.Failed, Map.of(), millis(t0), error,
                        state.badInput(), name, state.node());
            }
            LOG.warnf("%s %s: attempt %d of %d failed (%s)", spec.step(), key.substring(0, 12), attempt, maxAttempts,
                    state.reason());
        }
        return new StepOutcome(spec.step(), key, StepOutcome.Status.Failed, Map.of(), millis(t0),
                String.join(" | ", attempts), false, jobName(spec.step(), key, maxAttempts), null);
    }

    /** Creates the Job (or finds it from an earlier run of the same attempt) and waits for it to end. */
    private JobState run(Job job) {
        String name = job.getMetadata().getName();
        var jobs = k8s.batch().v1().jobs().inNamespace(namespace);
        Job existing = jobs.withName(name).get();
        if (existing != null && JobState.of(existing, pods(existing)).phase() == JobState.Phase.FAILED) {
            // a failed attempt of an earlier run: this run tries afresh
            jobs.withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            jobs.withName(name).waitUntilCondition(j -> j == null, 60, TimeUnit.SECONDS);
            existing = null;
        }
        if (existing == null) {
            jobs.resource(job).create();
        }
        long started = System.nanoTime();
        while (true) {
            Job now = jobs.withName(name).get();
            if (now == null) {
                return new JobState(JobState.Phase.FAILED, "the Job was deleted (run cancelled?)", null, null);
            }
            JobState s = JobState.of(now, pods(now));
            if (s.phase() != JobState.Phase.RUNNING) {
                return s;
            }
            boolean active = now.getStatus() != null && now.getStatus().getActive() != null
                    && now.getStatus().getActive() > 0 && s.node() != null;
            if (!active && System.nanoTime() - started > startTimeout.toNanos()) {
                jobs.withName(name).delete();
                return new JobState(JobState.Phase.FAILED,
                        "the Job did not start within " + startTimeout.toSeconds() + " s (no node ran its pod)", null,
                        null);
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jobs.withName(name).delete();
                return new JobState(JobState.Phase.FAILED, "interrupted; the Job was deleted", null, null);
            }
        }
    }

    /** The Job's pods (by its controller uid, as Kubernetes labels them), oldest first. */
    private List<Pod> pods(Job job) {
        List<Pod> pods = new ArrayList<>(k8s.pods().inNamespace(namespace)
                .withLabel("controller-uid", job.getMetadata().getUid()).list().getItems());
        pods.sort(Comparator.comparing(
                p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp()));
        return pods;
    }

    private String logTail(String jobName) {
        Job job = k8s.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        List<Pod> pods = job == null ? List.of() : pods(job);
        if (pods.isEmpty()) {
            return "";
        }
        try {
            String log = k8s.pods().inNamespace(namespace).withName(pods.get(pods.size() - 1).getMetadata().getName())
                    .tailingLines(LOG_LINES).getLog();
            if (log == null || log.isBlank() || log.startsWith("{\"apiVersion\"")) {
                return ""; // no log, or an API server that does not serve logs (the test server answers a list)
            }
            return "; last log lines: " + log.strip().replace('\n', '⏎');
        } catch (KubernetesClientException e) {
            return "; pod log unavailable (" + e.getCode() + ")";
        }
    }

    /** Deletes every Job of a run (and, through propagation, their pods). */
    public int cancel(String runId) {
        var jobs = k8s.batch().v1().jobs().inNamespace(namespace).withLabel(JobTemplate.LABEL_RUN,
                JobTemplate.label(runId));
        int n = jobs.list().getItems().size();
        jobs.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        return n;
    }

    /** {@code corads-<step>-<key prefix>-<attempt>}: the same spec and attempt always give the same name. */
    static String jobName(String step, String key, int attempt) {
        return JobTemplate.label("corads-" + step + "-" + key.substring(0, 16) + "-" + attempt);
    }

    private static Map<String, String> labels(StepContext ctx, String step, String key) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(JobTemplate.LABEL_RUN, JobTemplate.label(ctx.runId()));
        l.put(JobTemplate.LABEL_STEP_ID, JobTemplate.label(ctx.stepId().replace('/', '.')));
        l.put(JobTemplate.LABEL_STEP, step);
        l.put(JobTemplate.LABEL_KEY, key.substring(0, 40));
        return l;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
