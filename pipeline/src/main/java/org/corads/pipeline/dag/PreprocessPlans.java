package org.corads.pipeline.dag;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.preprocess.ClassicalLungSegmenter;

/**
 * The preprocessing DAG of SPEC §2 for a scan in storage: {@code ingest → resample → lung-mask → model-input},
 * with step ids prefixed by a scan id so that many scans fit one plan. A DICOM series (a prefix of slice objects) is
 * staged by {@code ingest-series} instead of {@code ingest}.
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
        s.add(new RunPlan.PlannedStep(scanId + "/resample", "resample", JSON.valueToTree(modelInput.resample()),
                Map.of("volume", upstream(scanId + "/ingest", "volume.mha"))));
        s.add(new RunPlan.PlannedStep(scanId + "/lung-mask", "lung-mask",
                JSON.valueToTree(ClassicalLungSegmenter.DEFAULT),
                Map.of("resampled", upstream(scanId + "/resample", "resampled.mha"))));
        s.add(new RunPlan.PlannedStep(scanId + "/model-input", "model-input", JSON.valueToTree(modelInput),
                Map.of("volume", upstream(scanId + "/ingest", "volume.mha"), "lung-mask",
                        upstream(scanId + "/lung-mask", "lung-mask.mha"))));
        return s;
    }

    /**
     * The chain for a scan given as its objects: one object is a file ({@code ingest}); several are the slices of
     * one DICOM series ({@code ingest-series}, inputs {@code slice/000000}… in the given order).
     */
    public static List<RunPlan.PlannedStep> forObjects(String scanId, List<String> objects,
            ModelInputStep.Params modelInput) {
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("scan " + scanId + " has no objects");
        }
        List<RunPlan.PlannedStep> out = new ArrayList<>();
        for (RunPlan.PlannedStep s : forScan(scanId, objects.get(0), modelInput)) {
            out.add(objects.size() > 1 && s.step().equals("ingest") ? seriesIngest(s, objects) : s);
        }
        return out;
    }

    private static RunPlan.PlannedStep seriesIngest(RunPlan.PlannedStep ingest, List<String> slices) {
        Map<String, RunPlan.InputSource> in = new LinkedHashMap<>();
        for (int i = 0; i < slices.size(); i++) {
            in.put(String.format(Locale.ROOT, "slice/%06d", i), new RunPlan.InputSource(slices.get(i), null, null));
        }
        return new RunPlan.PlannedStep(ingest.id(), "ingest-series", JSON.valueToTree(IngestStep.Params.DEFAULT), in);
    }

    private static RunPlan.InputSource upstream(String id, String output) {
        return new RunPlan.InputSource(null, id, output);
    }
}
