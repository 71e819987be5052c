package org.corads.pipeline.grading;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.IdempotentRepository;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The grading service's state and the work its routes hand it: which objects are scan versions, the deployed
 * ensemble (loaded once, its failure reported by health), grading one version and writing its result, and the
 * metrics. The routes ({@code GradingRoutes}) decide when; this decides what.
 */
@ApplicationScoped
public class GradingService {
    private static final Logger LOG = Logger.getLogger(GradingService.class);

    @Inject
    GradingSettings settings;

    @Inject
    Storage storage;

    @Inject
    StepCache cache;

    @Inject
    ProducerTemplate producer;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "corads.events.token")
    Optional<String> eventsToken;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0")
    String version;

    private Claims claims;
    private GradeResults results;
    private ScanObjects kinds;
    private ScanGrader grader;
    private volatile ResolvedEnsemble ensemble;
    private volatile String notReady = "grading is not configured (set CORADS_GRADING_MODEL)";
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> knownClaimed = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final Map<GradeStatus, Counter> outcomes = new HashMap<>();
    private Counter received;
    private Counter duplicates;

    @PostConstruct
    void init() {
        claims = new Claims(storage::store);
        results = new GradeResults(storage::store);
        kinds = new ScanObjects(settings.ignorePrefixes());
        grader = new ScanGrader(cache, plan -> producer.requestBody("direct:run-dag", plan, RunDocument.class),
                version);
        received = Counter.builder("corads.grading.received").description("scan versions accepted for grading")
                .register(registry);
        duplicates = Counter.builder("corads.grading.duplicates")
                .description("notifications and polls of scan versions already accepted").register(registry);
        for (GradeStatus s : GradeStatus.values()) {
            outcomes.put(s, Counter.builder("corads.grading.results").tag("status", s.toString())
                    .description("results written, by status").register(registry));
        }
        registry.gauge("corads.grading.in.flight", inFlight, Set::size);
    }

    /** Whether a model is configured (grading is wanted). */
    public boolean configured() {
        return settings.model().isPresent();
    }

    /** Why the service cannot grade now (empty when it can). */
    public Optional<String> notReady() {
        return ensemble != null ? Optional.empty() : Optional.of(notReady);
    }

    /**
     * Loads the configured ensemble if it is not loaded yet.
     *
     * @return true when loaded
     */
    public synchronized boolean loadEnsemble() {
        if (ensemble != null || settings.model().isEmpty()) {
            return ensemble != null;
        }
        try {
            ensemble = ResolvedEnsemble.at(settings.model().get(), storage.store());
            LOG.infof("grading with %s (study %s, arm %s, %d members)", settings.model().get(),
                    ensemble.ensemble().study(), ensemble.ensemble().arm(), ensemble.ensemble().members().size());
            return true;
        } catch (IOException | RuntimeException e) {
            notReady = "model " + settings.model().get() + " cannot be used: " + e.getMessage();
            LOG.warn(notReady);
            return false;
        }
    }

    /** The configured webhook token, when set. */
    public Optional<String> eventsToken() {
        return eventsToken.filter(t -> !t.isBlank());
    }

    /** Whether an {@code Authorization} header carries the token ({@code Bearer <token>}, or the bare token). */
    public boolean authorised(String header) {
        Optional<String> t = eventsToken();
        if (t.isEmpty() || header == null) {
            return false;
        }
        String given = header.startsWith("Bearer ") ? header.substring(7).trim() : header.trim();
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), t.get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a created object means for grading: a file scan's version (its ETag read from storage: an object that is
     * gone gives nothing), or, for a slice of a DICOM series, a note that the series is still arriving.
     */
    public List<ScanVersion> fromCreated(ObjectCreated o) {
        String scans = storage.store().config().buckets().scans();
        if (!scans.equals(o.bucket())) {
            LOG.infof("event for bucket %s ignored: grading watches %s", o.bucket(), scans);
            return List.of();
        }
        switch (kinds.role(o.key())) {
            case FILE -> {
                Optional<ObjectStore.ObjectInfo> info = storage.store().stat(new S3Uri(o.bucket(), o.key()));
                if (info.isEmpty()) {
                    LOG.infof("event for s3://%s/%s ignored: the object no longer exists", o.bucket(), o.key());
                    return List.of();
                }
                return List.of(new ScanVersion(o.bucket(), o.key(), info.get().etag(), ScanKind.FILE));
            }
            case SLICE -> {
                claims.noteSeries(o.bucket(), ScanObjects.seriesOf(o.key()));
                return List.of();
            }
            default -> {
                return List.of();
            }
        }
    }

    /** One poll of the scans bucket: every file scan's version and every series that has gone quiet. */
    public List<ScanVersion> poll() {
        String bucket = storage.store().config().buckets().scans();
        List<ScanVersion> out = new ArrayList<>();
        Map<String, List<ObjectStore.Listed>> series = new HashMap<>();
        for (ObjectStore.Listed l : storage.store().listDetailed(bucket, "")) {
            switch (kinds.role(l.uri().key())) {
                case FILE -> out.add(new ScanVersion(bucket, l.uri().key(), l.etag(), ScanKind.FILE));
                case SLICE ->
                    series.computeIfAbsent(ScanObjects.seriesOf(l.uri().key()), k -> new ArrayList<>()).add(l);
                default -> {
                }
            }
        }
        series.forEach((prefix, slices) -> quietVersion(bucket, prefix, slices).ifPresent(out::add));
        out.removeIf(v -> knownClaimed.contains(v.id()));
        return out;
    }

    /** Series noted by notifications that have gone quiet since (their markers are dropped). */
    public List<ScanVersion> quietSeries() {
        List<ScanVersion> out = new ArrayList<>();
        for (String[] s : claims.waitingSeries()) {
            List<ObjectStore.Listed> slices = new ArrayList<>(storage.store().listDetailed(s[0], s[1] + "/"));
            slices.removeIf(l -> kinds.role(l.uri().key()) != ScanObjects.Role.SLICE);
            if (slices.isEmpty()) {
                claims.forgetSeries(s[0], s[1]);
                continue;
            }
            Optional<ScanVersion> v = quietVersion(s[0], s[1], slices);
            if (v.isPresent()) {
                out.add(v.get());
                claims.forgetSeries(s[0], s[1]);
            }
        }
        return out;
    }

    private Optional<ScanVersion> quietVersion(String bucket, String prefix, List<ObjectStore.Listed> slices) {
        Instant newest = slices.stream().map(ObjectStore.Listed::lastModified).filter(t -> t != null)
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        if (newest.plus(Duration.ofSeconds(settings.seriesQuietSeconds())).isAfter(Instant.now())) {
            return Optional.empty();
        }
        StringBuilder listing = new StringBuilder();
        slices.stream().sorted((a, b) -> a.uri().key().compareTo(b.uri().key()))
                .forEach(l -> listing.append(l.uri().key()).append(' ').append(l.etag()).append('\n'));
        return Optional.of(new ScanVersion(bucket, prefix, Sha256.of(listing.toString()), ScanKind.SERIES));
    }

    /** Claimed versions without a result that this process is not grading now (after a restart, a full queue). */
    public List<ScanVersion> pending() {
        List<ScanVersion> out = claims.pending();
        out.removeIf(v -> inFlight.contains(v.id()));
        return out;
    }

    /** Marks a version as being handled here; false when it already is. */
    public boolean begin(ScanVersion v) {
        return inFlight.add(v.id());
    }

    /** Forgets a version this process handled (graded, failed, a duplicate, or not queued). */
    public void end(ScanVersion v) {
        inFlight.remove(v.id());
    }

    /** An accepted version (its claim written). */
    public void accepted(ScanVersion v) {
        knownClaimed.add(v.id());
        received.increment();
    }

    /** A version seen again. */
    public void duplicate(ScanVersion v) {
        knownClaimed.add(v.id());
        duplicates.increment();
    }

    /** Grades one claimed version and writes its result; an internal failure is thrown (the route retries). */
    public void grade(ScanVersion v) {
        if (!loadEnsemble()) {
            throw new IllegalStateException(notReady);
        }
        long t0 = System.nanoTime();
        List<String> objects = grader.objects(v, kinds);
        ScanGrader.Outcome o = grader.grade(v, objects, ensemble);
        Instant written = lastWritten(v, objects);
        if (written != null) {
            o.document().put("objectWrittenAt", written.toString());
        }
        finish(v, o.status(), o.document(), o.montage());
        recordTimings(o.document(), t0, written);
    }

    /** Writes the {@code failed} result of a version whose grading failed through every retry. */
    public void failed(ScanVersion v, Throwable cause) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", GradeStatus.FAILED);
        doc.put("bucket", v.bucket());
        doc.put("key", v.key());
        doc.put("kind", v.kind());
        doc.put("etag", v.etag());
        doc.put("error", cause == null ? "unknown" : String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
        doc.put("pipelineVersion", version);
        doc.put("gradedAt", Instant.now().toString());
        finish(v, GradeStatus.FAILED, doc, null);
    }

    private void finish(ScanVersion v, GradeStatus status, Map<String, Object> doc, byte[] montage) {
        boolean wrote = results.write(v, doc, montage);
        claims.done(v);
        if (wrote) {
            outcomes.get(status).increment();
        } else {
            duplicates.increment();
        }
        LOG.infof("graded {\"key\":\"%s\",\"etag\":\"%s\",\"status\":\"%s\",\"grade\":%s,\"written\":%s}", v.key(),
                v.etag(), status, doc.getOrDefault("grade", "null"), wrote);
    }

    @SuppressWarnings("unchecked")
    private void recordTimings(Map<String, Object> doc, long t0, Instant written) {
        Object t = doc.get("timingsMs");
        if (t instanceof Map<?, ?> m) {
            ((Map<String, Long>) m).forEach((stage, ms) -> Timer.builder("corads.grading.stage").tag("stage", stage)
                    .publishPercentileHistogram().register(registry).record(Duration.ofMillis(ms)));
        }
        Timer.builder("corads.grading.duration").description("grading one scan, claim to result")
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(System.nanoTime() - t0));
        if (written != null) {
            Timer.builder("corads.grading.latency").description("object written to result written")
                    .publishPercentileHistogram().register(registry).record(Duration.between(written, Instant.now()));
        }
    }

    /** When the scan was last written: the file's time, or the newest slice's. */
    private Instant lastWritten(ScanVersion v, List<String> objects) {
        if (v.kind() == ScanKind.FILE) {
            return storage.store().stat(S3Uri.parse(objects.get(0))).map(ObjectStore.ObjectInfo::lastModified)
                    .orElse(null);
        }
        return storage.store().listDetailed(v.bucket(), v.key() + "/").stream().map(ObjectStore.Listed::lastModified)
                .filter(t -> t != null).max(Instant::compareTo).orElse(null);
    }

    /**
     * The per-scan path as one call, for {@code corads grade <scan> --ensemble}: the local scan (a file, or a folder
     * holding a DICOM series) is stored content-addressed in the work bucket ({@code uploads/<sha256>/…}; the source
     * is only read) and graded exactly as the service grades a scan that lands in the bucket.
     */
    public ScanGrader.Outcome gradeLocal(Path scan, String location) throws IOException {
        ResolvedEnsemble e = ResolvedEnsemble.at(location, storage.store());
        ObjectStore st = storage.store();
        String work = st.config().buckets().work();
        ScanVersion v;
        List<String> objects = new ArrayList<>();
        if (Files.isDirectory(scan)) {
            List<Path> files;
            try (var list = Files.list(scan)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            StringBuilder listing = new StringBuilder();
            for (Path f : files) {
                listing.append(f.getFileName()).append(' ').append(Sha256.of(f)).append('\n');
            }
            String prefix = "uploads/" + Sha256.of(listing.toString());
            for (Path f : files) {
                objects.add(upload(st, new S3Uri(work, prefix + "/" + f.getFileName()), f));
            }
            v = new ScanVersion(work, prefix, Sha256.of(listing.toString()), ScanKind.SERIES);
        } else if (Files.isRegularFile(scan)) {
            if (kinds.role("uploads/" + scan.getFileName()) != ScanObjects.Role.FILE) {
                throw BadInputException.of(scan, "is not a .nii, .nii.gz or .mha file nor a folder of DICOM slices");
            }
            S3Uri to = new S3Uri(work, "uploads/" + Sha256.of(scan) + "/" + scan.getFileName());
            objects.add(upload(st, to, scan));
            v = new ScanVersion(work, to.key(), st.stat(to).orElseThrow().etag(), ScanKind.FILE);
        } else {
            throw BadInputException.of(scan, "no such file or folder");
        }
        ScanGrader.Outcome o = grader.grade(v, objects, e);
        o.document().put("source", scan.toAbsolutePath().toString());
        return o;
    }

    private static String upload(ObjectStore st, S3Uri to, Path f) {
        if (st.stat(to).isEmpty()) {
            st.putFile(to, f, "application/octet-stream");
        }
        return to.toString();
    }

    /** The repository of claims Camel's idempotent consumer uses. */
    public IdempotentRepository claimRepository() {
        return new ClaimRepository(claims);
    }

    /** The configured settings. */
    public GradingSettings settings() {
        return settings;
    }
}
