package org.corads.pipeline.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.Eta;
import org.corads.models.train.Prefetcher;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.training.DatasetStep;
import org.corads.pipeline.storage.CohortUpload;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.io.BadInputException;

/**
 * Runs a study: resolves its dataset (generating and uploading a synthetic cohort once, or reading an imported
 * manifest), plans it ({@link StudyPlanner}), previews it, runs it through the DAG route and publishes the
 * result: the evaluation report under {@code results/studies/<name>/report/}, every member model under
 * {@code models/<name>/<arm>/seed-<n>/} (the in-study lesion U-Net under {@code models/<name>/lesion-unet/}), and
 * {@code results/studies/<name>/study.json} (resolved definition,
 * run id, totals, where the models are).
 */
public final class StudyRunner {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private final Supplier<ObjectStore> store;
    private final StepCache cache;
    private final DagRunner dag;
    private final BiFunction<RunPlan, DagRunner.Progress, RunDocument> route;

    /**
     * The dataset of a study: the manifest's URI, its scans as the planner sees them and its rows, and the external
     * test set in the same form (null: none).
     */
    public record Data(String manifestUri, List<StudyPlanner.Scan> scans, List<ManifestRow> rows, Data external) {

        public Data(String manifestUri, List<StudyPlanner.Scan> scans, List<ManifestRow> rows) {
            this(manifestUri, scans, rows, null);
        }

        /** The same dataset (and external test set) without some scans. */
        public Data without(Set<String> scanIds) {
            return new Data(manifestUri, scans.stream().filter(x -> !scanIds.contains(x.id())).toList(),
                    rows.stream().filter(r -> !scanIds.contains(r.scanId())).toList(),
                    external == null ? null : external.without(scanIds));
        }

        /** The external test set as the planner takes it; null when there is none. */
        public StudyPlanner.External externalSet() {
            return external == null ? null : new StudyPlanner.External(external.manifestUri(), external.scans());
        }

        /** Refuses, in one line, a dataset (or external test set) on which the study cannot succeed. */
        void requireFeasible(String what) {
            Feasibility.require(rows, what);
            if (external != null) {
                Feasibility.requireExternal(external.rows(), external.manifestUri());
            }
        }
    }

    private static final int MAX_EXCLUSION_PASSES = 3;

    /** Scan id → the error of its first per-scan step that failed as bad input. */
    static Map<String, String> rejected(RunDocument doc) {
        Map<String, String> out = new TreeMap<>();
        doc.outcomes().forEach((id, o) -> {
            String scan = StudyPlanner.scanOf(id);
            if (o.status() == StepOutcome.Status.Failed && o.badInput() && scan != null) {
                out.putIfAbsent(scan, id.substring(("scan/" + scan + "/").length()) + ": " + o.error());
            }
        });
        return out;
    }

    private static List<String> reasons(Map<String, String> rejected) {
        List<String> out = new ArrayList<>();
        rejected.forEach((id, why) -> out.add(id + " (" + why + ")"));
        return out;
    }

    /** A finished run: its document and where the report is (null when the comparison did not complete). */
    public record Result(RunDocument run, String reportPrefix, Map<String, StepOutcome.OutputRef> report) {}

    public StudyRunner(StepCache cache, DagRunner dag, BiFunction<RunPlan, DagRunner.Progress, RunDocument> route) {
        this.store = cache::store;
        this.cache = cache;
        this.dag = dag;
        this.route = route;
    }

    /** Where the study's synthetic cohort lives (its split fractions in the name when they are not the standard). */
    public String cohortPrefix(StudyDefinition s) {
        StudyDefinition.Synthetic y = s.dataset().synthetic();
        StudyDefinition.Fractions f = y.fractions();
        String split = f == null ? "" : "-split" + f.train() + "-" + f.validation() + "-" + f.test();
        return "s3://" + store.get().config().buckets().scans() + "/synthetic/n" + y.scans() + "-seed" + y.seed() + "-"
                + y.resolution().name().toLowerCase(Locale.ROOT) + split + "/";
    }

    /**
     * The study's dataset. A synthetic cohort is generated and uploaded when {@code create} and missing; without
     * {@code create} a missing cohort gives null.
     */
    public Data data(StudyDefinition s, boolean create, Consumer<String> log) throws IOException {
        String manifest;
        if (s.dataset().synthetic() != null) {
            StudyDefinition.Synthetic y = s.dataset().synthetic();
            String prefix = cohortPrefix(s);
            S3Uri m = S3Uri.parse(prefix + "manifest.csv");
            if (!create && store.get().stat(m).isEmpty()) {
                return null;
            }
            manifest = create
                    ? new CohortUpload(store.get()).upload(cohort(s), y.splits(), prefix,
                            line -> log.accept("synthetic cohort: " + line))
                    : m.toString();
        } else {
            manifest = s.dataset().manifest();
        }
        Data own = new Data(manifest, null, readManifest(manifest, "dataset.manifest"));
        return withExternal(s, new Data(manifest, scans(s, own, create, false), own.rows()), create);
    }

    /** The study's own cohort with its external test set, when the study names one. */
    private Data withExternal(StudyDefinition s, Data own, boolean create) throws IOException {
        String ext = s.dataset().external();
        if (ext == null) {
            return own;
        }
        Data x = new Data(ext, null, readManifest(ext, "dataset.external"));
        Set<String> ownIds = new HashSet<>();
        own.rows().forEach(r -> ownIds.add(r.scanId()));
        List<String> shared = x.rows().stream().map(ManifestRow::scanId).filter(ownIds::contains).toList();
        if (!shared.isEmpty()) {
            throw new BadInputException("field 'dataset.external': scan id(s) " + shared
                    + " are also in the study's cohort; an external test set is another cohort (rename its scans)");
        }
        return new Data(own.manifestUri(), own.scans(), own.rows(), new Data(ext, scans(s, x, create, true), x.rows()));
    }

    /**
     * The planner's scans of a manifest's rows. Scans with a ground-truth lesion map as input must have their mask
     * beside the manifest; with lesion maps from the in-study model only its training and validation scans need one.
     */
    private List<StudyPlanner.Scan> scans(StudyDefinition s, Data d, boolean create, boolean heldOut) {
        String manifest = d.manifestUri();
        String base = manifest.substring(0, manifest.lastIndexOf('/') + 1);
        List<StudyPlanner.Scan> scans = new ArrayList<>();
        for (ManifestRow r : d.rows()) {
            String uri = r.uri().startsWith("s3://") ? r.uri() : base + r.uri();
            String lesion = base + "masks/" + r.scanId() + "-lesions.mha";
            boolean needsMask = s.dataset().lesionMaps() == LesionMaps.GROUND_TRUTH
                    || s.dataset().lesionMaps() == LesionMaps.MODEL && !heldOut && !"test".equals(r.split());
            if (s.needsLesions() && needsMask && create && store.get().stat(S3Uri.parse(lesion)).isEmpty()) {
                throw new BadInputException("field 'dataset.lesionMaps' is " + s.dataset().lesionMaps() + " but "
                        + lesion + " is missing (scan " + r.scanId() + ")");
            }
            scans.add(new StudyPlanner.Scan(r.scanId(), uri, lesion, heldOut ? DatasetStep.EXTERNAL_SPLIT : r.split(),
                    uri.endsWith("/") ? slices(r, uri) : null));
        }
        return scans;
    }

    private List<ManifestRow> readManifest(String manifest, String field) throws IOException {
        S3Uri mu = S3Uri.parse(manifest);
        if (store.get().stat(mu).isEmpty()) {
            throw new BadInputException("field '" + field + "': no object " + manifest);
        }
        return Manifests.read(store.get().getBytes(mu), manifest);
    }

    /** The slice objects of a DICOM series under {@code prefix}, in key order; none is bad input. */
    private List<String> slices(ManifestRow r, String prefix) {
        S3Uri folder = S3Uri.parse(prefix.substring(0, prefix.length() - 1));
        List<String> out = store.get().list(folder.bucket(), folder.key() + "/").stream().map(S3Uri::toString).sorted()
                .toList();
        if (out.isEmpty()) {
            throw new BadInputException("scan " + r.scanId() + ": no objects under " + prefix
                    + " (a DICOM series is a prefix of slice objects)");
        }
        return out;
    }

    private static SyntheticCohort cohort(StudyDefinition s) {
        StudyDefinition.Synthetic y = s.dataset().synthetic();
        return new SyntheticCohort(y.scans(), y.seed(), SynthConfig.DEFAULT.withResolution(y.resolution()));
    }

    /**
     * The dataset's rows as a run would use them, without generating anything: the manifest where it exists, else
     * the synthetic cohort's planned rows (labels and splits are known before any scan is rendered).
     */
    public List<ManifestRow> rows(StudyDefinition s) throws IOException {
        if (s.dataset().synthetic() == null) {
            return readManifest(s.dataset().manifest(), "dataset.manifest");
        }
        String m = cohortPrefix(s) + "manifest.csv";
        return store.get().stat(S3Uri.parse(m)).isPresent()
                ? readManifest(m, "dataset.manifest")
                : cohort(s).plannedRows(s.dataset().synthetic().splits());
    }

    public RunPlan plan(StudyDefinition s, Data d, String runId) {
        return StudyPlanner.plan(s, d.manifestUri(), d.scans(), d.externalSet(), runId, List.of());
    }

    public List<DagRunner.Preview> preview(RunPlan plan) {
        return dag.preview(plan);
    }

    /**
     * What a run of a study would do now: a description of its dataset, every planned step with its preview
     * status, and what keeps the run from succeeding (see {@link Feasibility}; empty when nothing does); when the
     * synthetic cohort is not generated yet, {@code steps} is empty and every one of the {@code planned} steps is to
     * run.
     */
    public record Outlook(String dataset, List<DagRunner.Preview> steps, int planned, List<String> problems) {

        /** Steps with status {@code st}; with no preview every planned step is to run. */
        public long count(DagRunner.Preview.Status st) {
            if (steps.isEmpty()) {
                return st == DagRunner.Preview.Status.TO_RUN ? planned : 0;
            }
            return steps.stream().filter(x -> x.status() == st).count();
        }
    }

    /** What {@code run} would do now, without generating, uploading or running anything. */
    public Outlook outlook(StudyDefinition s) throws IOException {
        Data d = data(s, false, m -> {});
        if (d == null) {
            int n = s.dataset().synthetic().scans();
            List<ManifestRow> planned = cohort(s).plannedRows(s.dataset().synthetic().splits());
            List<StudyPlanner.Scan> pending = new ArrayList<>();
            for (ManifestRow r : planned) {
                pending.add(new StudyPlanner.Scan(r.scanId(), cohortPrefix(s) + r.uri(), null, r.split()));
            }
            Data pd = withExternal(s, new Data(cohortPrefix(s) + "manifest.csv", pending, planned), false);
            RunPlan p = plan(s, pd, null);
            List<String> problems = new ArrayList<>(Feasibility.problems(planned));
            if (pd.external() != null) {
                problems.addAll(Feasibility.externalProblems(pd.external().rows()));
            }
            return new Outlook("synthetic cohort of " + n + " scans, not generated yet: every step is to run",
                    List.of(), p.steps().size(), problems);
        }
        List<DagRunner.Preview> steps = preview(plan(s, d, null));
        List<String> problems = new ArrayList<>(Feasibility.problems(d.rows()));
        String described = d.manifestUri() + " (" + d.scans().size() + " scans)";
        if (d.external() != null) {
            problems.addAll(Feasibility.externalProblems(d.external().rows()));
            described += ", external test set " + d.external().manifestUri() + " (" + d.external().scans().size()
                    + " scans)";
        }
        return new Outlook(described, steps, steps.size(), problems);
    }

    /** The dataset as messages name it: the synthetic cohort's parameters, or the manifest. */
    public static String describe(StudyDefinition s) {
        StudyDefinition.Synthetic y = s.dataset().synthetic();
        return y == null
                ? s.dataset().manifest()
                : "the synthetic cohort of " + y.scans() + " scans (seed " + y.seed() + ")";
    }

    /** Steps done of total, and an estimate of the seconds left (−1 unknown). */
    public interface Progress {
        void at(int done, int total, long etaSeconds);
    }

    /** Runs the study and publishes its report and models; progress lines go to {@code log}. */
    public Result run(StudyDefinition s, String runId, Consumer<String> log) throws IOException {
        return run(s, runId, log, (d, t, e) -> {});
    }

    public Result run(StudyDefinition s, String runId, Consumer<String> log, Progress listener) throws IOException {
        DeviceSetting.current(); // a device the engine does not have is refused before anything runs
        Prefetcher.configuredAhead(); // so is an unusable corads.train.prefetch
        if (s.dataset().synthetic() != null) {
            Feasibility.require(rows(s), describe(s)); // before a scan of the cohort is generated
        }
        Data d = data(s, true, log);
        d.requireFeasible(d.manifestUri());
        RunPlan plan = plan(s, d, runId);
        LeakageGuard.check(plan, d);
        long t0 = System.nanoTime();
        DagRunner.Progress progress = (done, total, id, o, eta) -> {
            listener.at(done, total, eta);
            if (o.status() != StepOutcome.Status.CacheHit || done == total || done % 50 == 0) {
                log.accept(String.format(Locale.ROOT, "[%d/%d] %s: %s%s, %s elapsed, ETA %s", done, total, id,
                        o.status(), o.status() == StepOutcome.Status.Failed ? " (" + o.error() + ")" : "",
                        Eta.duration((System.nanoTime() - t0) / 1e9), eta >= 0 ? Eta.duration(eta) : "-"));
            }
        };
        RunDocument doc = route.apply(plan, progress);
        // scans that the gate or preprocessing rejected are left out and the study planned again without them:
        // everything computed stays cached, only what depended on the whole dataset runs again
        Map<String, String> rejected = new TreeMap<>();
        for (int pass = 0; pass < MAX_EXCLUSION_PASSES; pass++) {
            Map<String, String> now = rejected(doc);
            now.keySet().removeAll(rejected.keySet());
            if (now.isEmpty()) {
                break;
            }
            rejected.putAll(now);
            log.accept("left out " + now.size() + " scan(s) that the input gate or preprocessing rejected: "
                    + String.join("; ", reasons(now)));
            d = d.without(rejected.keySet());
            d.requireFeasible(d.manifestUri() + " without the " + rejected.size() + " rejected scan(s)");
            plan = StudyPlanner.plan(s, d.manifestUri(), d.scans(), d.externalSet(), runId, reasons(rejected));
            LeakageGuard.check(plan, d);
            doc = route.apply(plan, progress);
        }
        StepOutcome compare = doc.outcomes().get("compare");
        StepOutcome external = doc.outcomes().get(StudyPlanner.COMPARE_EXTERNAL);
        if (compare == null || compare.status() == StepOutcome.Status.Failed
                || d.external() != null && (external == null || external.status() == StepOutcome.Status.Failed)) {
            return new Result(doc, null, Map.of());
        }
        Map<String, StepOutcome.OutputRef> report = new LinkedHashMap<>(compare.outputs());
        String published = new StudyPublisher(store.get()).publish(s, doc);
        if (external != null) {
            external.outputs().forEach((name, ref) -> report.put(EXTERNAL_REPORT + name, ref));
            S3Uri summary = StudyPublisher.summaryOf(store.get(), s);
            report.put(ExternalSummary.FILE,
                    new StepOutcome.OutputRef(summary.toString(), store.get().digestOf(summary)));
        }
        return new Result(doc, published, report);
    }

    /** The stages of an arm that {@link #rerun} can recompute from, in pipeline order. */
    public enum Stage {
        /** The study's lesion U-Net (lesionMaps: model), which every arm's lesion channel comes from. */
        LESION_TRAIN("lesion-train", true), TRAIN("train", true), GRADE("grade", false), ENSEMBLE("ensemble", false);

        private final String step;
        private final boolean learns;

        Stage(String step, boolean learns) {
            this.step = step;
            this.learns = learns;
        }

        /** The stage whose step is named {@code name}; a bad name is refused listing the accepted ones. */
        public static Stage of(String name) {
            for (Stage st : values()) {
                if (st.step.equals(name)) {
                    return st;
                }
            }
            throw new BadInputException("--from " + name + ": expected one of lesion-train, train, grade, ensemble");
        }

        static Stage ofStep(String step) {
            for (Stage st : values()) {
                if (st.step.equals(step)) {
                    return st;
                }
            }
            return null;
        }

        /**
         * Whether a rerun from this stage drops the cached step {@code id} of stage {@code stage}: from lesion-train,
         * the lesion model alone (what depends on it computes again only if the new model differs, its cache keys
         * following the model's bytes); from an arm's stage, that arm's steps of this stage and later.
         */
        boolean reaches(Stage stage, String id, String arm) {
            if (this == LESION_TRAIN) {
                return stage == LESION_TRAIN;
            }
            return stage != LESION_TRAIN && id.startsWith("arm/" + arm + "/") && stage.compareTo(this) >= 0;
        }
    }

    /**
     * A rerun: the run, how many cached steps were dropped, and for every recomputed member model whether its
     * {@code model.params} is byte-identical to the one it replaced.
     */
    public record Rerun(Result result, int dropped, Map<String, Boolean> modelsReproduced) {}

    /**
     * Recomputes one arm from a stage on: drops the cache entries of the arm's steps of that stage and later, runs
     * the study again (only those steps compute, the rest are hits) and compares each retrained model's bytes with
     * the previous ones — the reproducibility check of an arm.
     */
    public Rerun rerun(StudyDefinition s, String arm, Stage from, Consumer<String> log) throws IOException {
        if (from == Stage.LESION_TRAIN) {
            if (arm != null) {
                throw new BadInputException("--arm " + arm + ": --from lesion-train recomputes the study's lesion"
                        + " model, which no arm owns; leave --arm out");
            }
            if (s.dataset().lesionMaps() != LesionMaps.MODEL) {
                throw new BadInputException("--from lesion-train: this study trains no lesion model"
                        + " (dataset.lesionMaps is " + s.dataset().lesionMaps() + ", not model)");
            }
        } else if (arm == null || s.arms().stream().noneMatch(a -> a.name().equals(arm))) {
            throw new BadInputException((arm == null
                    ? "--arm is needed with --from " + from.step
                    : "--arm " + arm + " names no arm of this study") + "; arms: "
                    + s.arms().stream().map(StudyDefinition.Arm::name).toList());
        }
        Data d = data(s, true, log);
        Map<String, String> before = new LinkedHashMap<>();
        int dropped = 0;
        for (DagRunner.Preview p : preview(plan(s, d, null))) {
            Stage stage = Stage.ofStep(p.step());
            if (stage == null || p.status() != DagRunner.Preview.Status.CACHED || !from.reaches(stage, p.id(), arm)) {
                continue;
            }
            if (stage.learns) {
                cache.lookup(p.step(), p.cacheKey()).map(h -> h.outputs().get(MODEL_PARAMS))
                        .ifPresent(m -> before.put(p.id(), m.sha256()));
            }
            dropped += cache.drop(p.step(), p.cacheKey()) ? 1 : 0;
        }
        log.accept("rerun " + (arm == null ? "" : arm + " ") + "from " + from.step + ": " + dropped
                + " cached step(s) dropped");
        Result r = run(s, null, log);
        Map<String, Boolean> same = new LinkedHashMap<>();
        before.forEach((id, digest) -> {
            StepOutcome o = r.run().outcomes().get(id);
            StepOutcome.OutputRef now = o == null ? null : o.outputs().get(MODEL_PARAMS);
            same.put(id, now != null && digest.equals(now.sha256()));
        });
        return new Rerun(r, dropped, same);
    }

    private static final String MODEL_PARAMS = "model.params";

    /**
     * Gives a run whose document still says {@code running} its final {@code status} (and a finish time) — for a run
     * stopped before its DAG could record the end, such as a study cancelled while it was being planned again after a
     * server restart. A document with a final status, or none, is left as it is.
     */
    public void closeRun(String runId, String status) throws IOException {
        S3Uri uri = cache.runDocument(runId);
        if (store.get().stat(uri).isEmpty()) {
            return;
        }
        RunDocument d = JSON.readValue(store.get().getBytes(uri), RunDocument.class);
        if ("running".equals(d.status())) {
            cache.recordRun(new RunDocument(d.runId(), status, d.plan(), d.outcomes(), d.computed(), d.cacheHits(),
                    d.failed(), d.startedAt(), Instant.now().toString(), d.durationMs()));
        }
    }

    /** Where the external test set's evaluation sits in a study's report. */
    public static final String EXTERNAL_REPORT = "external/";

    /** Downloads the published report (the external evaluation under {@code external/}) into a local folder. */
    public void download(Result r, Path dir) throws IOException {
        for (var e : r.report().entrySet()) {
            Path to = dir.resolve(e.getKey());
            Files.createDirectories(to.getParent());
            store.get().getFile(S3Uri.parse(e.getValue().uri()), to, e.getValue().sha256());
        }
    }
}
