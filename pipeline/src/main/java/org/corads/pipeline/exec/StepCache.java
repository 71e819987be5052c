package org.corads.pipeline.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.StepSpec;
import org.jboss.logging.Logger;

/**
 * The one owner of the storage layout of step results. Everything else asks it:
 *
 * <ul>
 * <li>{@code work/cache/<step>/<key>/<output>}: a step's outputs under its cache key;
 * <li>{@code work/cache/<step>/<key>/_step.json}: the provenance sidecar, written last; present with every output
 * it lists = a complete entry (a cache hit);
 * <li>{@code work/specs/<step>/<key>.json}: a StepSpec handed to a remote executor (content-addressed);
 * <li>{@code work/runs/<runId>/run.json}: a run's plan and outcomes;
 * <li>{@code quarantine/<step>/<key>/reason.json}: why a step rejected its input.
 * </ul>
 */
public final class StepCache {
    private static final Logger LOG = Logger.getLogger(StepCache.class);
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private final Supplier<ObjectStore> store;

    public StepCache(Supplier<ObjectStore> store) {
        this.store = store;
    }

    /** The object store behind the cache. */
    public ObjectStore store() {
        return store.get();
    }

    private String work() {
        return store.get().config().buckets().work();
    }

    /** Key prefix of the outputs of {@code step} under {@code key}, inside the work bucket. */
    public static String outputPrefix(String step, String key) {
        return "cache/" + step + "/" + key + "/";
    }

    /** Where output {@code name} of {@code spec} is stored. */
    public S3Uri output(StepSpec spec, String name) {
        return new S3Uri(work(), outputPrefix(spec.step(), spec.cacheKey().hex()) + name);
    }

    /** The provenance sidecar of the entry of {@code step} under {@code key}. */
    public S3Uri sidecar(String step, String key) {
        return new S3Uri(work(), outputPrefix(step, key) + Provenance.FILE);
    }

    /** The sidecar of a complete entry for {@code spec} (the sidecar and every output it lists present), if any. */
    public Optional<Provenance> lookup(StepSpec spec) {
        return lookup(spec.step(), spec.cacheKey().hex());
    }

    /** The sidecar of a complete entry of {@code step} under {@code key}, if any. */
    public Optional<Provenance> lookup(String step, String key) {
        ObjectStore s = store.get();
        S3Uri sidecar = sidecar(step, key);
        if (s.stat(sidecar).isEmpty()) {
            return Optional.empty();
        }
        Provenance p = read(s.getBytes(sidecar), Provenance.class);
        for (StepOutcome.OutputRef o : p.outputs().values()) {
            if (s.stat(S3Uri.parse(o.uri())).isEmpty()) {
                LOG.warnf("%s: sidecar lists %s but it is missing; not a cache hit", step, o.uri());
                return Optional.empty();
            }
        }
        return Optional.of(p);
    }

    /**
     * The sidecar of a complete entry for {@code spec} whose every output still hashes to the digest the sidecar
     * records: what an executor asks before it skips a step. An output that does not (corrupted or replaced in
     * storage) is reported, the entry dropped, and the step is computed again instead of passing on bad bytes.
     */
    public Optional<Provenance> verifiedLookup(StepSpec spec) {
        String key = spec.cacheKey().hex();
        Optional<Provenance> hit = lookup(spec.step(), key);
        if (hit.isEmpty()) {
            return hit;
        }
        for (StepOutcome.OutputRef o : hit.get().outputs().values()) {
            String got = store.get().contentDigest(S3Uri.parse(o.uri()));
            if (!got.equals(o.sha256())) {
                LOG.warnf(
                        "%s %s: cached output %s is corrupted (content %s, sidecar records %s); dropping the entry"
                                + " and computing it again",
                        spec.step(), key.substring(0, 12), o.uri(), got, o.sha256());
                drop(spec.step(), key);
                return Optional.empty();
            }
        }
        return hit;
    }

    /**
     * Drops the cache entry an object belongs to, when it is a cached output ({@code work/cache/<step>/<key>/…}).
     *
     * @return whether an entry was dropped
     */
    public boolean dropEntryOf(S3Uri object) {
        String[] parts = object.key().split("/", 4);
        if (!object.bucket().equals(work()) || parts.length < 4 || !parts[0].equals("cache")) {
            return false;
        }
        return drop(parts[1], parts[2]);
    }

    /** Marks the entry of {@code p} complete by writing its sidecar (call after every output is stored). */
    public void complete(Provenance p) {
        store.get().putBytes(sidecar(p.step(), p.cacheKey()), pretty(p), "application/json");
    }

    /**
     * Drops the entry of {@code step} under {@code key} from the cache: without its sidecar it is no hit, and the
     * next run computes it again (the outputs stay until then, so nothing a reader holds disappears).
     *
     * @return whether there was an entry
     */
    public boolean drop(String step, String key) {
        S3Uri sidecar = sidecar(step, key);
        if (store.get().stat(sidecar).isEmpty()) {
            return false;
        }
        store.get().remove(sidecar);
        return true;
    }

    /** Stores {@code spec} at its content address and returns that URI (what a remote executor is handed). */
    public S3Uri putSpec(StepSpec spec) {
        S3Uri uri = new S3Uri(work(), "specs/" + spec.step() + "/" + spec.cacheKey().hex() + ".json");
        if (store.get().stat(uri).isEmpty()) {
            store.get().putBytes(uri, pretty(spec), "application/json");
        }
        return uri;
    }

    /** Where the document of run {@code runId} lives. */
    public S3Uri runDocument(String runId) {
        return new S3Uri(work(), "runs/" + runId + "/run.json");
    }

    /** Writes (or rewrites) a run's document. */
    public void recordRun(RunDocument doc) {
        store.get().putBytes(runDocument(doc.runId()), pretty(doc), "application/json");
    }

    /** Where the reason for rejecting the input of {@code step} under {@code key} is kept. */
    public S3Uri quarantineReason(String step, String key) {
        return new S3Uri(store.get().config().buckets().quarantine(), step + "/" + key + "/reason.json");
    }

    /** Records that {@code spec}'s step rejected its input; a failure to record is logged, never thrown. */
    public void quarantine(StepSpec spec, String reason) {
        try {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("step", spec.step());
            doc.put("cacheKey", spec.cacheKey().hex());
            doc.put("inputs", spec.inputs());
            doc.put("reason", reason);
            doc.put("at", Instant.now().toString());
            store.get().putBytes(quarantineReason(spec.step(), spec.cacheKey().hex()), pretty(doc), "application/json");
        } catch (RuntimeException e) {
            LOG.warnf("could not write quarantine reason for %s: %s", spec.step(), e.getMessage());
        }
    }

    /** An object a step reads, with the digest its cache key is computed from. */
    public StepSpec.InputRef input(S3Uri object) {
        return new StepSpec.InputRef(object.toString(), store.get().digestOf(object));
    }

    /** Whether an object exists. */
    public boolean exists(S3Uri object) {
        return store.get().stat(object).isPresent();
    }

    private static byte[] pretty(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
