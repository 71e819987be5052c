package org.corads.pipeline.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.storage.CorruptObjectException;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StorageException;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.Step;
import org.corads.steps.core.StepSpec;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.DiskFull;
import org.corads.steps.io.FileTrees;
import org.jboss.logging.Logger;

/**
 * Runs a step in this JVM: looks up its cache key, and on a miss stages the inputs (digest-checked), runs the
 * step in a scratch folder, uploads the outputs, and writes {@code _step.json} last. A complete key (sidecar
 * present and every output it lists present) is a hit and nothing runs. Only the typed bad-input errors mean bad
 * input: a {@link BadInputException} (the readers', the gate's, validation of user files) sends the input to the
 * quarantine bucket with its reason, an {@link InvalidSpecException} is refused without blaming any scan, and
 * anything else (an {@code IllegalArgumentException} from a bug, an engine's shape error) is an internal
 * failure, never quarantined. The source is never touched.
 */
public final class InProcessStepExecutor implements StepExecutor {
    private static final Logger LOG = Logger.getLogger(InProcessStepExecutor.class);
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private final StepCache cache;
    private final StepRegistry registry;
    private final Path scratchRoot;
    private final Map<String, AtomicInteger> computations = new ConcurrentHashMap<>();

    public InProcessStepExecutor(StepCache cache, StepRegistry registry, Path scratchRoot) {
        this.cache = cache;
        this.registry = registry;
        this.scratchRoot = scratchRoot;
    }

    /** How many times this executor actually ran a step's computation (cache hits excluded). */
    public int computations(String step) {
        AtomicInteger n = computations.get(step);
        return n == null ? 0 : n.get();
    }

    @Override
    public StepOutcome execute(StepSpec asGiven) {
        long t0 = System.nanoTime();
        StepSpec spec = asGiven;
        String key = spec.cacheKey().hex();
        try {
            Step<?> step = registry.get(spec.step());
            if (step.version() != spec.version()) {
                return failed(spec, key, t0, "spec asks for " + spec.step() + " version " + spec.version()
                        + ", this build has version " + step.version(), true);
            }
            spec = registry.canonical(asGiven);
            key = spec.cacheKey().hex();
            Optional<Provenance> hit = cache.verifiedLookup(spec);
            if (hit.isPresent()) {
                LOG.infof("%s %s: cache hit", spec.step(), key.substring(0, 12));
                return new StepOutcome(spec.step(), key, StepOutcome.Status.CacheHit, hit.get().outputs(), millis(t0),
                        null, false);
            }
            return compute(step, spec, key, t0);
        } catch (InvalidSpecException e) {
            return failed(spec, key, t0, e.getMessage(), true);
        } catch (BadInputException e) {
            cache.quarantine(spec, e.getMessage());
            return failed(spec, key, t0, e.getMessage(), true);
        } catch (CorruptObjectException e) {
            boolean dropped = cache.dropEntryOf(e.uri());
            LOG.errorf("%s: %s", spec.step(), e.getMessage());
            return failed(spec, key, t0,
                    e.getMessage()
                            + (dropped ? "; its cache entry was dropped, so the next run" + " computes it again" : ""),
                    false);
        } catch (OutOfMemoryError e) {
            return failed(spec, key, t0, "out of memory (" + e.getMessage() + "); give the JVM more heap with -Xmx",
                    false);
        } catch (RuntimeException | IOException e) {
            var full = DiskFull.describe(e);
            if (full.isPresent()) {
                LOG.errorf("%s: %s (scratch %s)", spec.step(), full.get(), scratchRoot);
                return failed(spec, key, t0, full.get() + " (scratch " + scratchRoot + ")", false);
            }
            if (e instanceof StorageException || e instanceof CancellationException) {
                // an actionable line, not a bug: no stack trace
                LOG.errorf("%s failed: %s", spec.step(), e.getMessage());
                return failed(spec, key, t0, e.getMessage(), false);
            }
            LOG.errorf(e, "%s failed", spec.step());
            return failed(spec, key, t0, e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
    }

    private StepOutcome compute(Step<?> step, StepSpec spec, String key, long t0) throws IOException {
        Instant started = Instant.now();
        Files.createDirectories(scratchRoot);
        Path tmp = Files.createTempDirectory(scratchRoot, step.name() + "-");
        try {
            Path state = scratchRoot.resolve("state").resolve(step.name()).resolve(key);
            LocalFiles files = new LocalFiles(tmp, state);
            for (var e : staged(step, spec).entrySet()) {
                S3Uri uri = S3Uri.parse(e.getValue().uri());
                cache.store().getFile(uri, files.stage(e.getKey(), uri.fileName()), e.getValue().sha256());
            }
            runTyped(step, spec, files);
            computations.computeIfAbsent(step.name(), k -> new AtomicInteger()).incrementAndGet();
            Map<String, StepOutcome.OutputRef> outputs = upload(step, spec, files);
            long ms = millis(t0);
            Provenance p = new Provenance(step.name(), step.version(), key, spec.params(), spec.inputs(), outputs, null,
                    started.toString(), Instant.now().toString(), host(), ms, files.timingsMs());
            cache.complete(p);
            // the step's resumable state (checkpoints) goes only now: a crash during the upload keeps it
            if (Files.exists(state)) {
                FileTrees.delete(state);
            }
            LOG.infof("%s %s: computed in %d ms", step.name(), key.substring(0, 12), ms);
            return new StepOutcome(step.name(), key, StepOutcome.Status.Computed, outputs, ms, null, false);
        } finally {
            FileTrees.delete(tmp);
        }
    }

    /** The spec's inputs the step declares (list inputs expanded); an undeclared or missing input is an error. */
    static Map<String, StepSpec.InputRef> staged(Step<?> step, StepSpec spec) {
        Map<String, StepSpec.InputRef> out = new TreeMap<>();
        for (String name : step.inputNames()) {
            if (name.endsWith("*")) {
                String prefix = name.substring(0, name.length() - 1) + "/";
                spec.inputs().forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        out.put(k, v);
                    }
                });
            } else {
                StepSpec.InputRef ref = spec.inputs().get(name);
                if (ref == null) {
                    throw new InvalidSpecException("spec for " + step.name() + " lacks input '" + name + "'");
                }
                out.put(name, ref);
            }
        }
        for (String k : spec.inputs().keySet()) {
            if (!out.containsKey(k)) {
                throw new InvalidSpecException(
                        "spec for " + step.name() + " has input '" + k + "', which the step does not take"
                                + " (it takes " + String.join(", ", step.inputNames()) + ")");
            }
        }
        return out;
    }

    private static <P> void runTyped(Step<P> step, StepSpec spec, LocalFiles files) throws IOException {
        P params;
        try {
            params = JSON.treeToValue(spec.params(), step.paramsType());
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("parameters for " + step.name() + " do not fit "
                    + step.paramsType().getSimpleName() + ": " + e.getOriginalMessage());
        }
        step.run(params, files);
    }

    private Map<String, StepOutcome.OutputRef> upload(Step<?> step, StepSpec spec, LocalFiles files) {
        Map<String, StepOutcome.OutputRef> out = new LinkedHashMap<>();
        for (String name : step.outputNames()) {
            Path f = files.output(name);
            if (!Files.isRegularFile(f)) {
                throw new IllegalStateException(step.name() + " did not write its output " + name);
            }
            S3Uri uri = cache.output(spec, name);
            out.put(name, new StepOutcome.OutputRef(uri.toString(), cache.store().putFile(uri, f, contentType(name))));
        }
        return out;
    }

    private static StepOutcome failed(StepSpec spec, String key, long t0, String error, boolean badInput) {
        return new StepOutcome(spec.step(), key, StepOutcome.Status.Failed, Map.of(), millis(t0), error, badInput);
    }

    private static String contentType(String name) {
        return name.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
