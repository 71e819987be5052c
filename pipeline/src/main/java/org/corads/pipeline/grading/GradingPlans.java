package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.dag.PreprocessPlans;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.steps.grading.GradeScanStep;
import org.corads.pipeline.steps.grading.MontageStep;
import org.corads.pipeline.steps.lesions.LesionSegmentationStep;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.steps.core.CanonicalJson;

/**
 * The plan that grades one scan: {@code ingest} (or {@code ingest-series} for a DICOM series) → {@code resample} →
 * {@code lung-mask} → {@code model-input} (the ensemble's preprocessing) → with a lesion channel
 * {@code lesion-segmentation} (the deployed lesion model) → {@code lesion-channel} → {@code model-case} →
 * {@code grade-scan}, and {@code qc-montage} beside it. Every step is content-addressed: the same scan and
 * ensemble twice are cache hits.
 */
public final class GradingPlans {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private GradingPlans() {}

    /**
     * @param slices for a DICOM series its slice objects; for a file the one object
     */
    public static RunPlan forScan(ScanKind kind, List<String> slices, ResolvedEnsemble re) {
        DeployedEnsemble e = re.ensemble();
        List<RunPlan.PlannedStep> steps = new ArrayList<>();
        steps.addAll(kind == ScanKind.SERIES
                ? PreprocessPlans.forObjects("scan", slices, e.modelInput())
                : PreprocessPlans.forScan("scan", slices.get(0), e.modelInput()));
        Map<String, RunPlan.InputSource> caseIn = new LinkedHashMap<>();
        caseIn.put("input", up("scan/model-input", "input.mha"));
        Map<String, RunPlan.InputSource> montageIn = new LinkedHashMap<>();
        montageIn.put("resampled", up("scan/resample", "resampled.mha"));
        montageIn.put("lung-mask", up("scan/lung-mask", "lung-mask.mha"));
        if (e.lesionChannel()) {
            DeployedEnsemble.LesionModel lm = e.lesionModel();
            steps.add(step("scan/lesion-segmentation", "lesion-segmentation",
                    new LesionSegmentationStep.Params(lm.window(), lm.overlap()),
                    Map.of("resampled", up("scan/resample", "resampled.mha"), "lung-mask",
                            up("scan/lung-mask", "lung-mask.mha"), "model/params", object(re.object(lm.params())),
                            "model/card", object(re.object(lm.card())))));
            steps.add(step("scan/lesion-channel", "lesion-channel", e.modelInput(),
                    Map.of("lesions", up("scan/lesion-segmentation", "lesion-labels.mha"), "lung-mask",
                            up("scan/lung-mask", "lung-mask.mha"))));
            caseIn.put("lesion/0", up("scan/lesion-channel", "lesion.mha"));
            montageIn.put("lesions/0", up("scan/lesion-segmentation", "lesion-labels.mha"));
        }
        steps.add(step("scan/case", "model-case", new ModelCaseStep.Params(e.size()), caseIn));
        Map<String, RunPlan.InputSource> gradeIn = new LinkedHashMap<>();
        gradeIn.put("case", up("scan/case", "case.bin"));
        for (DeployedEnsemble.Member m : e.members()) {
            gradeIn.put("member/" + m.id() + "/params", object(re.object(m.params())));
            gradeIn.put("member/" + m.id() + "/card", object(re.object(m.card())));
        }
        steps.add(step("scan/grade", "grade-scan", new GradeScanStep.Params(e.study() + "/" + e.arm()), gradeIn));
        steps.add(step("scan/montage", "qc-montage", MontageStep.Params.DEFAULT, montageIn));
        return new RunPlan(null, steps, 2);
    }

    private static RunPlan.PlannedStep step(String id, String step, Object params,
            Map<String, RunPlan.InputSource> in) {
        return new RunPlan.PlannedStep(id, step, JSON.valueToTree(params), in);
    }

    private static RunPlan.InputSource up(String id, String output) {
        return new RunPlan.InputSource(null, id, output);
    }

    private static RunPlan.InputSource object(String uri) {
        return new RunPlan.InputSource(uri, null, null);
    }
}
