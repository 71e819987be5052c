package org.corads.pipeline.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.models.device.NumericEnvironment;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.grading.DeployedEnsemble;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;

/**
 * Publishes a finished study: the evaluation report under {@code results/studies/<name>/report/} (the external test
 * set's, when the study has one, under {@code report/external/}), every member
 * model under {@code models/<name>/<arm>/seed-<n>/}, the in-study lesion U-Net under
 * {@code models/<name>/lesion-unet/}, each arm's {@code ensemble.json} (what grading needs, deployable or not and
 * why) and {@code results/studies/<name>/study.json}. Objects already published with the same digest are kept.
 */
final class StudyPublisher {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    private final ObjectStore store;

    StudyPublisher(ObjectStore store) {
        this.store = store;
    }

    /** Publishes a finished run: report, member models, the lesion model, each arm's ensemble and study.json. */
    public String publish(StudyDefinition s, RunDocument doc) throws IOException {
        ObjectStore st = store;
        String results = st.config().buckets().results();
        String prefix = "studies/" + s.name() + "/";
        for (var e : doc.outcomes().get("compare").outputs().entrySet()) {
            copy(S3Uri.parse(e.getValue().uri()), new S3Uri(results, prefix + "report/" + e.getKey()));
        }
        StepOutcome external = doc.outcomes().get(StudyPlanner.COMPARE_EXTERNAL);
        if (external != null) {
            for (var e : external.outputs().entrySet()) {
                copy(S3Uri.parse(e.getValue().uri()),
                        new S3Uri(results, prefix + "report/" + StudyRunner.EXTERNAL_REPORT + e.getKey()));
            }
            String table = ExternalSummary.markdown(s.name(), metrics(doc.outcomes().get("compare")),
                    metrics(external));
            st.putBytes(summaryOf(st, s), table.getBytes(StandardCharsets.UTF_8), "text/markdown");
        }
        Map<String, List<String>> models = new LinkedHashMap<>();
        for (StudyDefinition.Arm a : s.arms()) {
            for (int seed = 1; seed <= a.seeds(); seed++) {
                StepOutcome t = doc.outcomes().get(StudyPlanner.modelId(a.name(), seed) + "/train");
                String key = s.name() + "/" + a.name() + "/seed-" + seed + "/";
                for (var e : t.outputs().entrySet()) {
                    copy(S3Uri.parse(e.getValue().uri()), new S3Uri(st.config().buckets().models(), key + e.getKey()));
                }
                models.computeIfAbsent(a.name(), k -> new ArrayList<>())
                        .add("s3://" + st.config().buckets().models() + "/" + key);
            }
        }
        StepOutcome lesion = doc.outcomes().get("lesion-model");
        boolean lesionModel = lesion != null && lesion.status() != StepOutcome.Status.Failed;
        if (lesionModel) {
            for (var e : lesion.outputs().entrySet()) {
                copy(S3Uri.parse(e.getValue().uri()),
                        new S3Uri(st.config().buckets().models(), s.name() + "/lesion-unet/" + e.getKey()));
            }
            models.put("lesion-unet",
                    List.of("s3://" + st.config().buckets().models() + "/" + s.name() + "/lesion-unet/"));
        }
        Map<String, String> ensembles = new LinkedHashMap<>();
        for (StudyDefinition.Arm a : s.arms()) {
            DeployedEnsemble e = ensemble(s, a, doc, lesionModel ? lesion : null);
            S3Uri at = new S3Uri(st.config().buckets().models(),
                    s.name() + "/" + a.name() + "/" + DeployedEnsemble.FILE);
            st.putBytes(at, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(e), "application/json");
            ensembles.put(a.name(), at.toString());
        }
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("study", s);
        study.put("runId", doc.runId());
        study.put("status", doc.status());
        study.put("computed", doc.computed());
        study.put("numericEnvironment", NumericEnvironment.describe());
        study.put("cacheHits", doc.cacheHits());
        study.put("report", "s3://" + results + "/" + prefix + "report/");
        if (external != null) {
            study.put("externalReport", "s3://" + results + "/" + prefix + "report/" + StudyRunner.EXTERNAL_REPORT);
        }
        study.put("models", models);
        study.put("ensembles", ensembles);
        st.putBytes(new S3Uri(results, prefix + "study.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(study), "application/json");
        return "s3://" + results + "/" + prefix + "report/";
    }

    /** Where the table of internal and external results of a study with an external test set is published. */
    static S3Uri summaryOf(ObjectStore st, StudyDefinition s) {
        return new S3Uri(st.config().buckets().results(), "studies/" + s.name() + "/report/" + ExternalSummary.FILE);
    }

    private JsonNode metrics(StepOutcome compare) throws IOException {
        StepOutcome.OutputRef m = compare.outputs().get("metrics.json");
        return JSON.readTree(store.getBytes(S3Uri.parse(m.uri()), m.sha256()));
    }

    private void copy(S3Uri from, S3Uri to) {
        ObjectStore st = store;
        String want = st.digestOf(from);
        if (st.stat(to).flatMap(ObjectStore.ObjectInfo::sha256).filter(want::equals).isPresent()) {
            return;
        }
        st.putBytes(to, st.getBytes(from, want),
                to.key().endsWith(".json") ? "application/json" : "application/octet-stream");
    }

    /** The arm's ensemble document: members and lesion model by relative path, with their digests. */
    static DeployedEnsemble ensemble(StudyDefinition s, StudyDefinition.Arm a, RunDocument doc, StepOutcome lesion) {
        List<DeployedEnsemble.Member> members = new ArrayList<>();
        for (int seed = 1; seed <= a.seeds(); seed++) {
            StepOutcome t = doc.outcomes().get(StudyPlanner.modelId(a.name(), seed) + "/train");
            String dir = "seed-" + seed + "/";
            members.add(new DeployedEnsemble.Member("seed-" + seed, dir + "model.params",
                    t.outputs().get("model.params").sha256(), dir + "model.json",
                    t.outputs().get("model.json").sha256()));
        }
        DeployedEnsemble.LesionModel lm = null;
        if (a.lesionChannel() && lesion != null) {
            lm = new DeployedEnsemble.LesionModel("../lesion-unet/model.params",
                    lesion.outputs().get("model.params").sha256(), "../lesion-unet/model.json",
                    lesion.outputs().get("model.json").sha256(), s.lesionModel().window(), s.lesionModel().overlap());
        }
        String why = DeployedEnsemble.whyNotDeployable(a.lesionChannel(), s.dataset().lesionMaps(), lm != null);
        return new DeployedEnsemble(s.name(), doc.runId(), a.name(), a.head(), a.lesionChannel(),
                s.dataset().lesionMaps(), StudyPlanner.modelInput(s), s.preprocessing().size(), members, lm,
                why == null, why);
    }
}
