package org.corads.pipeline.api;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.pipeline.app.Refused;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.study.Feasibility;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyRunner;
import org.jboss.logging.Logger;

/**
 * Studies submitted over HTTP: validated and checked against the server's limits ({@link Admission}) on
 * submission, queued, and run one at a time (each study already runs its independent steps concurrently) through
 * the same {@link StudyRunner} as {@code study run}. Every state change is written to the bucket
 * ({@link StudyLedger}): after a restart, finished studies are listed as they ended and a study that was queued or
 * running is queued again and resumes where its cache stands. A queued or running study can be cancelled.
 */
@ApplicationScoped
public class StudyService {
    private static final Logger LOG = Logger.getLogger(StudyService.class);
    private static final long SAVE_PROGRESS_EVERY_NANOS = 5_000_000_000L;

    @Inject
    StudyRunner runner;

    @Inject
    Admission admission;

    @Inject
    Storage storage;

    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "study-runner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Status> studies = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> work = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private volatile long lastSaved;
    private volatile boolean stopping;
    private volatile boolean recovered;
    private StudyLedger ledger;

    /** A study's state. */
    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * A study's state.
     *
     * @param id          submission id (also the run id)
     * @param study       study name
     * @param state       {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
     * @param stepsDone   steps finished so far
     * @param stepsTotal  steps in the plan (0 until planned)
     * @param etaSeconds  estimate of the time left, −1 when unknown
     * @param report      object prefix of the report once it exists
     * @param error       why it failed
     * @param submittedAt ISO-8601
     * @param note        what happened to it beyond its state (resumed after a restart, cancellation asked)
     * @param activity    its latest progress line, also before its plan exists: the synthetic cohort being written
     *                        ({@code synthetic cohort: [12/260] syn-00011 grade 2, …}) or reused, then the steps
     *                        ({@code [5/91] scan/syn-00004/ingest: Computed, …}); null until it starts
     */
    public record Status(String id, String study, String state, int stepsDone, int stepsTotal, long etaSeconds,
            String report, Map<String, String> reportFiles, String error, String submittedAt, String note,
            String activity) {
        Status with(State st, int done, int total, long eta, String rep, Map<String, String> files, String err) {
            return new Status(id, study, label(st), done, total, eta, rep, files, err, submittedAt, note, activity);
        }

        Status noted(String n) {
            return new Status(id, study, state, stepsDone, stepsTotal, etaSeconds, report, reportFiles, error,
                    submittedAt, n, activity);
        }

        Status doing(String line) {
            return new Status(id, study, state, stepsDone, stepsTotal, etaSeconds, report, reportFiles, error,
                    submittedAt, note, line);
        }

        State current() {
            return State.valueOf(state.toUpperCase(Locale.ROOT));
        }
    }

    private static String label(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private synchronized StudyLedger ledger() {
        if (ledger == null) {
            ledger = new StudyLedger(storage::store);
        }
        return ledger;
    }

    /**
     * Validates, admits and queues a study definition (YAML or JSON); throws BadInputException naming the bad
     * field, or {@link Refused} when it is over the server's limits or its dataset cannot carry it (422), or the
     * queue is full (429).
     */
    public Status submit(byte[] definition) throws IOException {
        StudyDefinition s = StudyDefinition.parse(definition, Path.of("request body"));
        List<ManifestRow> manifestRows = s.dataset().manifest() == null ? null : runner.rows(s);
        admission.refusal(s, manifestRows == null ? -1 : manifestRows.size()).ifPresent(r -> {
            throw new Refused(422, r);
        });
        // after admission: a synthetic cohort's rows are planned only for a size the server takes
        List<String> problems = Feasibility.problems(manifestRows != null ? manifestRows : runner.rows(s));
        if (!problems.isEmpty()) {
            throw new Refused(422, Feasibility.refusal(problems, StudyRunner.describe(s)));
        }
        long queued = studies.values().stream().filter(x -> x.current() == State.QUEUED).count();
        admission.queueRefusal((int) queued).ifPresent(r -> {
            throw new Refused(429, r);
        });
        String id = UUID.randomUUID().toString();
        Status st = new Status(id, s.name(), label(State.QUEUED), 0, 0, -1, null, Map.of(), null,
                Instant.now().toString(), null, null);
        ledger().create(st, definition);
        studies.put(id, st);
        enqueue(id, s);
        return st;
    }

    /**
     * Takes up what the ledger holds (called once by {@code serve} before it listens): finished studies are listed
     * as they ended; queued and running ones are queued again, in submission order.
     */
    public void recover() {
        List<StudyLedger.Entry> entries = new ArrayList<>(ledger().all());
        entries.sort(Comparator.comparing(e -> e.status().submittedAt()));
        for (StudyLedger.Entry e : entries) {
            Status st = e.status();
            if (st.current().finished()) {
                studies.put(st.id(), st);
                continue;
            }
            StudyDefinition s = StudyDefinition.parse(e.definition(), Path.of("study " + st.id()));
            Status again = st.with(State.QUEUED, st.stepsDone(), st.stepsTotal(), -1, null, Map.of(), null)
                    .noted("resumed after a server restart (it was " + st.state() + ")");
            studies.put(st.id(), again);
            save(again, true);
            enqueue(st.id(), s);
            LOG.infof("study %s (%s): %s", st.id(), st.study(), again.note());
        }
        recovered = true;
    }

    /** Whether {@link #recover()} has run: until then the API does not know every study and is not ready. */
    public boolean recovered() {
        return recovered;
    }

    /**
     * Cancels a queued study (it never starts) or a running one (its steps are interrupted, checkpoints and
     * finished steps stay in the cache, Kubernetes Jobs are deleted); a finished study is refused with 409.
     */
    public Status cancel(String id) {
        Status st = get(id).orElseThrow(() -> new Refused(404, "no study " + id));
        if (st.current().finished()) {
            throw new Refused(409, "study " + id + " has already " + st.state());
        }
        cancelled.add(id);
        Future<?> f = work.get(id);
        if (st.current() == State.QUEUED && f != null && f.cancel(false)) {
            Status done = st.with(State.CANCELLED, st.stepsDone(), st.stepsTotal(), -1, null, Map.of(), null)
                    .noted("cancelled before it started");
            update(done, true);
            return done;
        }
        if (f != null) {
            f.cancel(true);
        }
        Status asked = st.noted("cancellation asked at " + Instant.now());
        update(asked, true);
        return asked;
    }

    private void enqueue(String id, StudyDefinition s) {
        work.put(id, queue.submit(() -> run(id, s)));
    }

    private void run(String id, StudyDefinition s) {
        if (cancelled.contains(id) || Thread.currentThread().isInterrupted()) {
            return;
        }
        studies.computeIfPresent(id, (k, v) -> v.with(State.RUNNING, 0, 0, -1, null, Map.of(), null));
        save(studies.get(id), true);
        try {
            Consumer<String> activity = line -> save(studies.computeIfPresent(id, (k, v) -> v.doing(line)), false);
            StudyRunner.Progress steps = (done, total, eta) -> save(studies.computeIfPresent(id,
                    (k, v) -> v.with(State.RUNNING, done, total, eta, null, Map.of(), null)), false);
            StudyRunner.Result r = runner.run(s, id, activity, steps);
            Map<String, String> files = new TreeMap<>();
            r.report().forEach((name, ref) -> files.put(name, ref.uri()));
            boolean ok = r.reportPrefix() != null && r.run().failed() == 0;
            State state = cancelled.contains(id) ? State.CANCELLED : ok ? State.SUCCEEDED : State.FAILED;
            String err = state == State.FAILED
                    ? r.run().failed() + " step(s) failed; see work/runs/" + id + "/run.json"
                    : null;
            Status cur = studies.get(id);
            update(cur.with(state, r.run().outcomes().size(), r.run().outcomes().size(), 0, r.reportPrefix(), files,
                    err), true);
        } catch (RuntimeException | IOException e) {
            if (stopping) {
                LOG.infof("study %s: stopped with the server; it resumes when the server starts again", id);
                return;
            }
            boolean cancel = cancelled.contains(id) || causedBy(e, CancellationException.class);
            if (!cancel) {
                LOG.errorf(e, "study %s failed", id);
            } else {
                // cancelled before its steps ran again (e.g. while a resumed study was being planned): the run
                // document an earlier server left says "running"; it must say what became of the run
                Thread.interrupted();
                try {
                    runner.closeRun(id, "cancelled");
                } catch (RuntimeException | IOException notClosed) {
                    LOG.warnf("study %s: its run document could not be marked cancelled: %s", id, notClosed);
                }
            }
            Status cur = studies.get(id);
            update(cur.with(cancel ? State.CANCELLED : State.FAILED, cur.stepsDone(), cur.stepsTotal(), -1, null,
                    Map.of(), cancel ? null : e.getMessage() == null ? e.toString() : e.getMessage()), true);
        } finally {
            work.remove(id);
            Thread.interrupted();
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private void update(Status st, boolean force) {
        studies.put(st.id(), st);
        save(st, force);
    }

    /** Writes a status to the ledger: always on a change of state, progress at most every 5 s. */
    private void save(Status st, boolean force) {
        if (st == null || !force && System.nanoTime() - lastSaved < SAVE_PROGRESS_EVERY_NANOS) {
            return;
        }
        lastSaved = System.nanoTime();
        try {
            ledger().save(st);
        } catch (RuntimeException e) {
            LOG.warnf("study %s: its status could not be recorded (%s)", st.id(), e.getMessage());
        }
    }

    public Optional<Status> get(String id) {
        return Optional.ofNullable(studies.get(id));
    }

    public List<Status> all() {
        List<Status> out = new ArrayList<>(studies.values());
        out.sort(Comparator.comparing(Status::submittedAt));
        return out;
    }

    public StudyRunner runner() {
        return runner;
    }

    /** On shutdown the running study is interrupted but stays {@code running} in the ledger, to resume later. */
    @PreDestroy
    void stop() {
        stopping = true;
        queue.shutdownNow();
    }
}
