package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.corads.models.Sanity;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.Sha256;
import org.jboss.logging.Logger;

/**
 * Grades one scan version with a deployed ensemble: runs its {@link GradingPlans plan} through the cached steps and
 * turns the outputs into the result document (grade, score, members and their spread, lung and lesion volumes,
 * gate warnings, model and digests, per-stage timings) and the montage. A scan the gate or a step rejects gives a
 * {@code rejected} result with the reason; an internal failure is thrown, so the caller can retry it.
 */
public final class ScanGrader {
    private static final Logger LOG = Logger.getLogger(ScanGrader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Optional<String>> lesionModelWarnings = new ConcurrentHashMap<>();

    private final StepCache cache;
    private final Function<RunPlan, RunDocument> runner;
    private final String pipelineVersion;

    /** A graded (or rejected) scan: the result document, and the montage (null when rejected). */
    public record Outcome(GradeStatus status, Map<String, Object> document, byte[] montage) {}

    /**
     * @param runner runs a plan (the DAG route) and returns its document
     */
    public ScanGrader(StepCache cache, Function<RunPlan, RunDocument> runner, String pipelineVersion) {
        this.cache = cache;
        this.runner = runner;
        this.pipelineVersion = pipelineVersion;
    }

    /** The objects of a version: the file itself, or the slice objects under a series prefix (key order). */
    public List<String> objects(ScanVersion v, ScanObjects kinds) {
        if (v.kind() == ScanKind.FILE) {
            return List.of(new S3Uri(v.bucket(), v.key()).toString());
        }
        List<String> out = new ArrayList<>();
        for (ObjectStore.Listed l : cache.store().listDetailed(v.bucket(), v.key() + "/")) {
            if (kinds.role(l.uri().key()) == ScanObjects.Role.SLICE) {
                out.add(l.uri().toString());
            }
        }
        return out;
    }

    /** Grades the scan made of {@code objects} (one file, or a series' slices) and describes it as {@code v}. */
    public Outcome grade(ScanVersion v, List<String> objects, ResolvedEnsemble e) {
        long t0 = System.nanoTime();
        Map<String, Object> doc = head(v, e);
        if (objects.isEmpty()) {
            doc.put("status", GradeStatus.REJECTED);
            doc.put("reason", "no slice objects under " + v.key() + "/ any more");
            doc.put("gradedAt", Instant.now().toString());
            return new Outcome(GradeStatus.REJECTED, doc, null);
        }
        doc.put("sha256", digest(objects));
        RunDocument run = runner.apply(GradingPlans.forScan(v.kind(), objects, e));
        doc.put("runId", run.runId());
        StepOutcome failed = run.outcomes().values().stream().filter(o -> o.status() == StepOutcome.Status.Failed)
                .findFirst().orElse(null);
        if (failed != null && failed.badInput()) {
            doc.put("status", GradeStatus.REJECTED);
            doc.put("reason", failed.step() + ": " + failed.error());
            if (failed.cacheKey() != null) {
                doc.put("quarantine", cache.quarantineReason(failed.step(), failed.cacheKey()).toString());
            }
            doc.put("timingsMs", timings(run, t0));
            doc.put("gradedAt", Instant.now().toString());
            return new Outcome(GradeStatus.REJECTED, doc, null);
        }
        if (failed != null || run.outcomes().size() < run.plan().steps().size()) {
            throw new IllegalStateException("grading " + v.key() + " failed at "
                    + (failed == null ? "an unknown step" : failed.step() + ": " + failed.error()));
        }
        doc.put("status", GradeStatus.GRADED);
        JsonNode grade = json(run, "scan/grade", "grade.json");
        doc.put("grade", grade.get("grade").asInt());
        doc.put("score", grade.get("score").asDouble());
        doc.put("head", grade.get("head").asText());
        doc.put("probabilities", grade.get("probabilities"));
        doc.put("members", grade.get("members"));
        doc.put("spread", grade.get("spread"));
        JsonNode lungs = json(run, "scan/lung-mask", "lungs.json");
        doc.put("lungVolumeMl", round(lungs.get("lungVolumeMl").asDouble()));
        List<String> warnings = new ArrayList<>();
        json(run, "scan/ingest", "gate.json").get("warnings").forEach(w -> warnings.add(w.asText()));
        if (run.outcomes().containsKey("scan/lesion-segmentation")) {
            JsonNode les = json(run, "scan/lesion-segmentation", "lesions.json");
            doc.put("ggoMl", round(les.get("ggoMl").asDouble()));
            doc.put("consolidationMl", round(les.get("consolidationMl").asDouble()));
            doc.put("lesionMl", round(les.get("lesionMl").asDouble()));
            Sanity.lesionVolume(les.get("lesionMl").asDouble(), lungs.get("lungVolumeMl").asDouble())
                    .ifPresent(warnings::add);
        }
        lesionModelWarning(e).ifPresent(warnings::add);
        grade.path("warnings").forEach(w -> warnings.add(w.asText()));
        warnings.forEach(w -> LOG.warnf("%s: %s", v.key(), w));
        doc.put("warnings", warnings);
        doc.put("timingsMs", timings(run, t0));
        doc.put("gradedAt", Instant.now().toString());
        StepOutcome.OutputRef png = run.outcomes().get("scan/montage").outputs().get("montage.png");
        return new Outcome(GradeStatus.GRADED, doc, cache.store().getBytes(S3Uri.parse(png.uri())));
    }

    private Map<String, Object> head(ScanVersion v, ResolvedEnsemble e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", null);
        doc.put("bucket", v.bucket());
        doc.put("key", v.key());
        doc.put("kind", v.kind());
        doc.put("etag", v.etag());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("location", e.location());
        model.put("id", e.id());
        model.put("study", e.ensemble().study());
        model.put("arm", e.ensemble().arm());
        model.put("runId", e.ensemble().runId());
        List<String> members = new ArrayList<>();
        e.ensemble().members().forEach(m -> members.add(m.id() + " " + m.paramsSha256()));
        model.put("members", members);
        if (e.ensemble().lesionModel() != null) {
            model.put("lesionModel", e.ensemble().lesionModel().paramsSha256());
        }
        doc.put("model", model);
        doc.put("pipelineVersion", pipelineVersion);
        doc.put("gradedAt", null);
        return doc;
    }

    /** SHA-256 of the scan: the file's, or over the slices' digests in key order. */
    private String digest(List<String> objects) {
        if (objects.size() == 1) {
            return cache.store().digestOf(S3Uri.parse(objects.get(0)));
        }
        StringBuilder sb = new StringBuilder();
        for (String o : objects) {
            sb.append(o, o.lastIndexOf('/') + 1, o.length()).append(' ').append(cache.store().digestOf(S3Uri.parse(o)))
                    .append('\n');
        }
        return Sha256.of(sb.toString());
    }

    private static Map<String, Long> timings(RunDocument run, long t0) {
        Map<String, Long> t = new LinkedHashMap<>();
        run.outcomes().forEach((id, o) -> t.put(id.substring(id.indexOf('/') + 1), o.durationMs()));
        t.put("total", (System.nanoTime() - t0) / 1_000_000);
        return t;
    }

    /** The deployed lesion model's validation Dice, judged once per ensemble (its card is immutable). */
    private Optional<String> lesionModelWarning(ResolvedEnsemble e) {
        if (e.ensemble().lesionModel() == null) {
            return Optional.empty();
        }
        return lesionModelWarnings.computeIfAbsent(e.id(), id -> {
            JsonNode card = readJson(S3Uri.parse(e.object(e.ensemble().lesionModel().card())));
            return Sanity.lesionModel(e.ensemble().lesionModel().paramsSha256().substring(0, 12),
                    card.path("bestValDice").asDouble(0));
        });
    }

    private JsonNode json(RunDocument run, String id, String output) {
        return readJson(S3Uri.parse(run.outcomes().get(id).outputs().get(output).uri()));
    }

    private JsonNode readJson(S3Uri uri) {
        try {
            return JSON.readTree(cache.store().getBytes(uri));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static double round(double ml) {
        return Math.round(ml * 10) / 10.0;
    }
}
