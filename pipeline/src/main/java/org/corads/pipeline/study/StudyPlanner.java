package org.corads.pipeline.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.corads.models.Head;
import org.corads.models.unet.LesionTrainer;
import org.corads.models.unet.Norm;
import org.corads.models.unet.UNetConfig;
import org.corads.pipeline.dag.PreprocessPlans;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.steps.evaluation.EvaluateStep;
import org.corads.pipeline.steps.grading.EnsembleStep;
import org.corads.pipeline.steps.grading.GradeStep;
import org.corads.pipeline.steps.lesions.LesionSegmentationStep;
import org.corads.pipeline.steps.lesions.LesionTrainStep;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.pipeline.steps.training.DatasetStep;
import org.corads.pipeline.steps.training.TrainParams;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.Sha256;
import org.corads.steps.eval.ReportContext;
import org.corads.steps.preprocess.ResampleToSpacing;

/**
 * Turns a resolved study and its dataset into one {@link RunPlan}: per scan {@code ingest → resample → lung-mask →
 * model-input (+ lesion-channel) → model-case}; one {@code dataset}; one {@code pretrain} per dimensionality that
 * an arm pre-trains; per arm and seed {@code train → grade} (test split); per arm {@code ensemble}; and one
 * {@code compare-arms}. Step ids say where they belong ({@code scan/<id>/…}, {@code arm/<arm>/seed-<n>/train}),
 * and every step's parameters carry only what changes its output, so the cache decides what a rerun recomputes.
 */
public final class StudyPlanner {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    /**
     * One scan of the dataset: id, object URI (a file, or the prefix of a DICOM series ending in {@code /}), its
     * ground-truth lesion mask URI (or null), split, and for a series its slice objects in name order.
     */
    public record Scan(String id, String uri, String lesionUri, String split, List<String> slices) {
        public Scan {
            slices = slices == null ? List.of() : List.copyOf(slices);
        }

        public Scan(String id, String uri, String lesionUri, String split) {
            this(id, uri, lesionUri, split, List.of());
        }

        /** The objects that hold the scan: its slices for a series, else its one file. */
        public List<String> objects() {
            return slices.isEmpty() ? List.of(uri) : slices;
        }
    }

    private StudyPlanner() {}

    /**
     * An external test set: its manifest and scans. Its scans get the same per-scan steps as the study's own
     * ({@code scan/<id>/…}; ids never shared with the study's cohort), one {@code external/dataset}, and per arm and
     * seed
     * {@code grade-external}, per arm {@code ensemble-external} and one {@code compare-external}: graded by the
     * ensembles trained on the study's cohort, and reaching nothing that learns.
     */
    public record External(String manifestUri, List<Scan> scans) {
        public External {
            scans = List.copyOf(scans);
        }
    }

    public static RunPlan plan(StudyDefinition s, String manifestUri, List<Scan> scans, String runId) {
        return plan(s, manifestUri, scans, null, runId, List.of());
    }

    /**
     * The plan on {@code scans} and, when not null, an {@code external} test set; {@code excluded} names the scans
     * left out ({@code <id>: <reason>}), which the report lists.
     */
    public static RunPlan plan(StudyDefinition s, String manifestUri, List<Scan> scans, External external, String runId,
            List<String> excluded) {
        List<RunPlan.PlannedStep> steps = new ArrayList<>();
        boolean segment = s.needsLesions() && s.dataset().lesionMaps() == LesionMaps.MODEL;
        if (segment) {
            steps.add(lesionTrain(s, scans));
        }
        Map<String, RunPlan.InputSource> datasetInputs = new LinkedHashMap<>();
        datasetInputs.put("manifest", new RunPlan.InputSource(manifestUri, null, null));
        for (Scan scan : scans) {
            datasetInputs.put("case/" + scan.id(), perScan(s, scan, steps));
        }
        steps.add(step("dataset", "dataset", DatasetStep.Params.ALL, datasetInputs));
        if (external != null) {
            Map<String, RunPlan.InputSource> in = new LinkedHashMap<>();
            in.put("manifest", new RunPlan.InputSource(external.manifestUri(), null, null));
            for (Scan scan : external.scans()) {
                in.put("case/" + scan.id(), perScan(s, scan, steps));
            }
            steps.add(step(EXTERNAL_DATASET, "dataset", DatasetStep.Params.EXTERNAL, in));
        }
        StudyDefinition.Training t = s.training();
        for (Dimensionality dim : Dimensionality.values()) {
            if (s.arms().stream().anyMatch(a -> a.dimensionality() == dim && a.pretraining())) {
                boolean threeD = dim == Dimensionality.THREE_D;
                TrainParams tp = new TrainParams("pretrain-" + dim, threeD, Head.CONTINUOUS, false, width(t, threeD),
                        t.pretrainSeed(), t.learningRate(), t.batchSize(), t.pretrainIterations(), t.validateEvery(),
                        t.patience(), t.augment());
                steps.add(step("pretrain/" + dim, "pretrain", tp, Map.of("dataset", up("dataset", "dataset.bin"))));
            }
        }
        Map<String, RunPlan.InputSource> arms = new LinkedHashMap<>();
        Map<String, RunPlan.InputSource> externalArms = new LinkedHashMap<>();
        for (StudyDefinition.Arm a : s.arms()) {
            Head head = a.head();
            Map<String, RunPlan.InputSource> members = new LinkedHashMap<>();
            Map<String, RunPlan.InputSource> externalMembers = new LinkedHashMap<>();
            for (int seed = 1; seed <= a.seeds(); seed++) {
                String m = modelId(a.name(), seed);
                TrainParams tp = new TrainParams(a.name(), a.threeD(), head, a.lesionChannel(), width(t, a.threeD()),
                        seed, t.learningRate(), t.batchSize(), t.iterations(), t.validateEvery(), t.patience(),
                        t.augment());
                Map<String, RunPlan.InputSource> in = new LinkedHashMap<>();
                in.put("dataset", up("dataset", "dataset.bin"));
                if (a.pretraining()) {
                    in.put("init/params", up("pretrain/" + a.dimensionality(), "model.params"));
                    in.put("init/card", up("pretrain/" + a.dimensionality(), "model.json"));
                }
                steps.add(step(m + "/train", "train", tp, in));
                steps.add(step(m + "/grade", "grade", new GradeStep.Params("test", a.name() + "#seed-" + seed),
                        Map.of("dataset", up("dataset", "dataset.bin"), "model/params",
                                up(m + "/train", "model.params"), "model/card", up(m + "/train", "model.json"))));
                members.put(String.format(Locale.ROOT, "member/seed-%03d", seed), up(m + "/grade", "grades.csv"));
                if (external != null) {
                    steps.add(step(m + "/grade-external", "grade",
                            new GradeStep.Params(DatasetStep.EXTERNAL_SPLIT, a.name() + "#seed-" + seed),
                            Map.of("dataset", up(EXTERNAL_DATASET, "dataset.bin"), "model/params",
                                    up(m + "/train", "model.params"), "model/card", up(m + "/train", "model.json"))));
                    externalMembers.put(String.format(Locale.ROOT, "member/seed-%03d", seed),
                            up(m + "/grade-external", "grades.csv"));
                }
            }
            steps.add(step("arm/" + a.name() + "/ensemble", "ensemble", new EnsembleStep.Params(a.name(), head),
                    members));
            arms.put("arm/" + a.name(), up("arm/" + a.name() + "/ensemble", "predictions.csv"));
            arms.put("members/" + a.name(), up("arm/" + a.name() + "/ensemble", "members.csv"));
            if (external != null) {
                steps.add(step("arm/" + a.name() + "/ensemble-external", "ensemble",
                        new EnsembleStep.Params(a.name(), head), externalMembers));
                externalArms.put("arm/" + a.name(), up("arm/" + a.name() + "/ensemble-external", "predictions.csv"));
                externalArms.put("members/" + a.name(), up("arm/" + a.name() + "/ensemble-external", "members.csv"));
            }
        }
        EvaluateStep.Params ev = new EvaluateStep.Params(s.evaluation().iterations(), s.evaluation().seed(),
                s.evaluation().reference(), reportContext(s, manifestUri, excluded));
        steps.add(step("compare", "compare-arms", ev, arms));
        if (external != null) {
            EvaluateStep.Params evx = new EvaluateStep.Params(s.evaluation().iterations(), s.evaluation().seed(),
                    s.evaluation().reference(), externalContext(s, external.manifestUri(), excluded));
            steps.add(step(COMPARE_EXTERNAL, "compare-arms", evx, externalArms));
        }
        return new RunPlan(runId, steps, s.concurrency(), s.executor() == null ? null : s.executor().choice());
    }

    /** The step that packs the external test set. */
    public static final String EXTERNAL_DATASET = "external/dataset";
    /** The step that evaluates the arms on the external test set. */
    public static final String COMPARE_EXTERNAL = "compare-external";

    /** The external evaluation's context: the study's, with the external test set as its data. */
    static ReportContext externalContext(StudyDefinition s, String externalUri, List<String> excluded) {
        ReportContext c = reportContext(s, externalUri, excluded);
        return new ReportContext(c.study(), c.studySha256(),
                "external test set " + externalUri + ", graded by the models trained on " + c.dataset(), c.synthetic(),
                null, null, c.excluded());
    }

    /** A scan's steps ({@code scan/<id>/…}: preprocessing, lesion map, model case); returns its case. */
    private static RunPlan.InputSource perScan(StudyDefinition s, Scan scan, List<RunPlan.PlannedStep> steps) {
        ModelInputStep.Params mi = modelInput(s);
        boolean lesions = s.needsLesions();
        boolean segment = lesions && s.dataset().lesionMaps() == LesionMaps.MODEL;
        String p = "scan/" + scan.id();
        steps.addAll(PreprocessPlans.forObjects(p, scan.objects(), mi));
        Map<String, RunPlan.InputSource> caseIn = new LinkedHashMap<>();
        caseIn.put("input", up(p + "/model-input", "input.mha"));
        if (segment) {
            steps.add(step(p + "/lesion-segmentation", "lesion-segmentation",
                    new LesionSegmentationStep.Params(s.lesionModel().window(), s.lesionModel().overlap()),
                    Map.of("resampled", up(p + "/resample", "resampled.mha"), "lung-mask",
                            up(p + "/lung-mask", "lung-mask.mha"), "model/params", up("lesion-model", "model.params"),
                            "model/card", up("lesion-model", "model.json"))));
        }
        if (lesions) {
            steps.add(step(p + "/lesion-channel", "lesion-channel", mi,
                    Map.of("lesions",
                            segment
                                    ? up(p + "/lesion-segmentation", "lesion-labels.mha")
                                    : new RunPlan.InputSource(scan.lesionUri(), null, null),
                            "lung-mask", up(p + "/lung-mask", "lung-mask.mha"))));
            caseIn.put("lesion/0", up(p + "/lesion-channel", "lesion.mha"));
        }
        steps.add(step(p + "/case", "model-case", new ModelCaseStep.Params(s.preprocessing().size()), caseIn));
        return up(p + "/case", "case.bin");
    }

    /**
     * The in-study U-Net: trained on up to {@code trainScans} training scans, validated on up to 8 validation scans.
     */
    /**
     * The report's context: the study, the digest of what it computes (its definition without the executor and
     * concurrency, which only say how it runs), and its data; no storage location, so the same study gives the same
     * report on any storage.
     */
    static ReportContext reportContext(StudyDefinition s, String manifestUri, List<String> excluded) {
        StudyDefinition what = new StudyDefinition(s.name(), s.dataset(), s.preprocessing(), s.lesionModel(),
                s.training(), s.evaluation(), s.seeds(), null, s.arms(), null);
        String digest;
        try {
            digest = Sha256.of(JSON.writeValueAsString(what));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StudyDefinition.Synthetic syn = s.dataset().synthetic();
        String data = syn != null
                ? "synthetic cohort of " + syn.scans() + " scans (seed " + syn.seed() + ", " + syn.resolution() + ")"
                : s.dataset().manifest();
        double spacing = s.preprocessing().spacingMm();
        String grid = spacing == ResampleToSpacing.PAPER.spacingMm()
                ? ""
                : ", resampled to " + spacing + " mm (the paper: " + ResampleToSpacing.PAPER.spacingMm() + " mm)";
        return new ReportContext(s.name(), digest, data + ", lesion maps " + s.dataset().lesionMaps() + grid,
                syn != null, null, null, excluded.isEmpty() ? null : List.copyOf(excluded));
    }

    private static RunPlan.PlannedStep lesionTrain(StudyDefinition s, List<Scan> scans) {
        StudyDefinition.LesionModel m = s.lesionModel();
        Map<String, RunPlan.InputSource> in = new LinkedHashMap<>();
        List<String> validation = new ArrayList<>();
        int train = 0;
        for (Scan scan : scans) {
            boolean val = "validation".equals(scan.split()) && validation.size() < 8;
            if (!val && !("train".equals(scan.split()) && train < m.trainScans())) {
                continue;
            }
            if (val) {
                validation.add(scan.id());
            } else {
                train++;
            }
            String p = "scan/" + scan.id();
            in.put("resampled/" + scan.id(), up(p + "/resample", "resampled.mha"));
            in.put("lung/" + scan.id(), up(p + "/lung-mask", "lung-mask.mha"));
            in.put("lesions/" + scan.id(), new RunPlan.InputSource(scan.lesionUri(), null, null));
        }
        var cfg = new LesionTrainer.Config(new UNetConfig(m.levels(), m.baseWidth(), Norm.BATCH), m.patch(), 2,
                m.learningRate(), m.iterations(), Math.max(1, m.iterations() / 10), 0.6, m.seed());
        return step("lesion-model", "lesion-train", new LesionTrainStep.Params(cfg, validation), in);
    }

    /**
     * The model input of a study's scans (SPEC §2): the study's grid spacing (1.5 mm), the 360 mm crop on it (240²
     * voxels at 1.5 mm), the study's depth and clipping.
     */
    public static ModelInputStep.Params modelInput(StudyDefinition s) {
        StudyDefinition.Preprocessing p = s.preprocessing();
        return new ModelInputStep.Params(p.marginMm(), ModelInputStep.Params.cropWidth(p.spacingMm()), p.depth(),
                p.huMin(), p.huMax(), p.spacingMm());
    }

    /** The scan a per-scan step belongs to ({@code scan/<id>/<step>} → {@code <id>}); null for any other step. */
    public static String scanOf(String stepId) {
        if (!stepId.startsWith("scan/")) {
            return null;
        }
        int slash = stepId.indexOf('/', "scan/".length());
        return slash > "scan/".length() ? stepId.substring("scan/".length(), slash) : null;
    }

    /** {@code arm/<arm>/seed-<n>}: the id prefix of one member model. */
    public static String modelId(String arm, int seed) {
        return "arm/" + arm + "/seed-" + seed;
    }

    private static float width(StudyDefinition.Training t, boolean threeD) {
        return threeD ? t.width3d() : t.width2d();
    }

    private static RunPlan.PlannedStep step(String id, String step, Object params,
            Map<String, RunPlan.InputSource> in) {
        JsonNode p = JSON.valueToTree(params);
        return new RunPlan.PlannedStep(id, step, p, in);
    }

    private static RunPlan.InputSource up(String id, String output) {
        return new RunPlan.InputSource(null, id, output);
    }
}
