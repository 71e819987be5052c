package org.corads.pipeline.api;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyRunner;
import org.jboss.logging.Logger;

/**
 * Studies submitted over HTTP: validated on submission, queued, and run one at a time (each study already runs
 * its independent steps concurrently) through the same {@link StudyRunner} as {@code study run}; their status
 * is kept in memory, their results in object storage.
 */
@ApplicationScoped
public class StudyService {
    private static final Logger LOG = Logger.getLogger(StudyService.class);

    @Inject
    StudyRunner runner;

    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "study-runner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Status> studies = new ConcurrentHashMap<>();

    /**
     * A study's state.
     *
     * @param id          submission id (also the run id)
     * @param study       study name
     * @param state       {@code queued}, {@code running}, {@code succeeded} or {@code failed}
     * @param stepsDone   steps finished so far
     * @param stepsTotal  steps in the plan (0 until planned)
     * @param etaSeconds  estimate of the time left, −1 when unknown
     * @param report      object prefix of the report once it exists
     * @param error       why it failed
     * @param submittedAt ISO-8601
     */
    public record Status(String id, String study, String state, int stepsDone, int stepsTotal, long etaSeconds,
            String report, Map<String, String> reportFiles, String error, String submittedAt) {
        Status with(String st, int done, int total, long eta, String rep, Map<String, String> files, String err) {
            return new Status(id, study, st, done, total, eta, rep, files, err, submittedAt);
        }
    }

    /** Validates and queues a study definition (YAML or JSON); throws BadInputException naming the bad field. */
    public Status submit(byte[] definition) {
        StudyDefinition s = StudyDefinition.parse(definition, Path.of("request body"));
        String id = UUID.randomUUID().toString();
        Status st = new Status(id, s.name(), "queued", 0, 0, -1, null, Map.of(), null, Instant.now().toString());
        studies.put(id, st);
        queue.submit(() -> run(id, s));
        return st;
    }

    private void run(String id, StudyDefinition s) {
        studies.computeIfPresent(id, (k, v) -> v.with("running", 0, 0, -1, null, Map.of(), null));
        try {
            StudyRunner.Result r = runner.run(s, id, line -> {}, (done, total, eta) -> studies.computeIfPresent(id,
                    (k, v) -> v.with("running", done, total, eta, null, Map.of(), null)));
            Map<String, String> files = new TreeMap<>();
            r.report().forEach((name, ref) -> files.put(name, ref.uri()));
            String state = r.reportPrefix() != null && r.run().failed() == 0 ? "succeeded" : "failed";
            String err = state.equals("failed")
                    ? r.run().failed() + " step(s) failed; see work/runs/" + id + "/run.json"
                    : null;
            Status cur = studies.get(id);
            studies.put(id, cur.with(state, r.run().outcomes().size(), r.run().outcomes().size(), 0, r.reportPrefix(),
                    files, err));
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "study %s failed", id);
            studies.computeIfPresent(id, (k, v) -> v.with("failed", v.stepsDone(), v.stepsTotal(), -1, null, Map.of(),
                    e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    public Optional<Status> get(String id) {
        return Optional.ofNullable(studies.get(id));
    }

    public List<Status> all() {
        return new ArrayList<>(studies.values());
    }

    public StudyRunner runner() {
        return runner;
    }

    @PreDestroy
    void stop() {
        queue.shutdownNow();
    }
}
