package org.corads.pipeline.dag;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.ResampleToSpacing;

/**
 * The preprocessing DAG of SPEC §2 for a scan in storage: {@code ingest → resample → lung-mask → model-input},
 * with step ids prefixed by a scan id so that many scans fit one plan.
 */
public final class PreprocessPlans {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private PreprocessPlans() {}

    public static List<RunPlan.PlannedStep> forScan(String scanId, String scanUri) {
        return forScan(scanId, scanUri, ModelInputStep.Params.PAPER);
    }

    /** The same chain with the model input's crop, depth and clipping given. */
    public static List<RunPlan.PlannedStep> forScan(String scanId, String scanUri, ModelInputStep.Params modelInput) {
        List<RunPlan.PlannedStep> s = new ArrayList<>();
        s.add(new RunPlan.PlannedStep(scanId + "/ingest", "ingest", JSON.valueToTree(IngestStep.Params.DEFAULT),
                Map.of("scan", new RunPlan.InputSource(scanUri, null, null))));
        s.add(new RunPlan.PlannedStep(scanId + "/resample", "resample", JSON.valueToTree(ResampleToSpacing.PAPER),
                Map.of("volume", upstream(scanId + "/ingest", "volume.mha"))));
        s.add(new RunPlan.PlannedStep(scanId + "/lung-mask", "lung-mask",
                JSON.valueToTree(ClassicalLungSegmenter.DEFAULT),
                Map.of("resampled", upstream(scanId + "/resample", "resampled.mha"))));
        s.add(new RunPlan.PlannedStep(scanId + "/model-input", "model-input", JSON.valueToTree(modelInput),
                Map.of("resampled", upstream(scanId + "/resample", "resampled.mha"), "lung-mask",
                        upstream(scanId + "/lung-mask", "lung-mask.mha"))));
        return s;
    }

    private static RunPlan.InputSource upstream(String id, String output) {
        return new RunPlan.InputSource(null, id, output);
    }
}
