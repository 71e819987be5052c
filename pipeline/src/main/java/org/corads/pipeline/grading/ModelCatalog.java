package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;

/**
 * What can grade: every published ensemble ({@code models/<study>/<arm>/ensemble.json}) with its members, the
 * study's test-split AUC and QWK for the arm, whether it is deployable and why not, and every published lesion
 * model ({@code models/<study>/lesion-unet/}).
 */
public final class ModelCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalog() {}

    /** The catalogue, ensembles first, in key order. */
    public static List<Map<String, Object>> list(ObjectStore store) {
        String models = store.config().buckets().models();
        List<Map<String, Object>> ensembles = new ArrayList<>();
        List<Map<String, Object>> lesionModels = new ArrayList<>();
        Map<String, JsonNode> metrics = new HashMap<>();
        for (ObjectStore.Listed l : store.listDetailed(models, "")) {
            String key = l.uri().key();
            String[] parts = key.split("/");
            if (parts.length == 3 && parts[2].equals(DeployedEnsemble.FILE)) {
                DeployedEnsemble e = read(store.getBytes(l.uri()), DeployedEnsemble.class);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "ensemble");
                m.put("location", "s3://" + models + "/" + parts[0] + "/" + parts[1] + "/");
                m.put("study", e.study());
                m.put("arm", e.arm());
                m.put("runId", e.runId());
                m.put("head", e.head());
                m.put("lesionChannel", e.lesionChannel());
                m.put("lesionMaps", e.lesionMaps());
                m.put("members", e.members().stream().map(x -> x.id() + " " + x.paramsSha256()).toList());
                m.put("lesionModel", e.lesionModel() == null ? null : e.lesionModel().paramsSha256());
                JsonNode arm = metrics.computeIfAbsent(e.study(), s -> metrics(store, s)).path("models").path(e.arm());
                if (!arm.isMissingNode()) {
                    m.put("testAuc", arm.path("auc").asDouble());
                    m.put("testQwk", arm.path("qwk").asDouble());
                    m.put("testScans", arm.path("n").asInt());
                }
                m.put("deployable", e.deployable());
                m.put("notDeployableBecause", e.notDeployableBecause());
                ensembles.add(m);
            } else if (parts.length == 3 && parts[1].equals("lesion-unet") && parts[2].equals("model.json")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "lesion-model");
                m.put("location", "s3://" + models + "/" + parts[0] + "/lesion-unet/");
                m.put("study", parts[0]);
                m.put("cardSha256", store.digestOf(l.uri()));
                JsonNode card = read(store.getBytes(l.uri()), JsonNode.class);
                m.put("bestValidationDice",
                        card.path("bestValDice").isMissingNode() ? null : card.path("bestValDice").asDouble());
                lesionModels.add(m);
            }
        }
        ensembles.addAll(lesionModels);
        return ensembles;
    }

    private static JsonNode metrics(ObjectStore store, String study) {
        S3Uri uri = new S3Uri(store.config().buckets().results(), "studies/" + study + "/report/metrics.json");
        return store.stat(uri).isPresent() ? read(store.getBytes(uri), JsonNode.class) : JSON.createObjectNode();
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
