package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests parse and run exactly one step per pod with secrets from a Secret. */
class K8sManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path K8S = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "k8s");

    @Test
    void theJobRunsOneStepFromItsSpecWithSecretsFromTheEnvironment() throws Exception {
        Path root = K8S.toFile().isDirectory() ? K8S : Path.of("..", "k8s");
        JsonNode job = YAML.readTree(root.resolve("base/run-step-job.yaml").toFile());
        assertThat(job.get("kind").asText()).isEqualTo("Job");
        JsonNode c = job.at("/spec/template/spec/containers/0");
        assertThat(c.get("args").toString()).isEqualTo("[\"run-step\",\"--spec\",\"$(CORADS_SPEC_URI)\"]");
        assertThat(c.get("env").toString()).contains("secretKeyRef").contains("CORADS_S3_SECRET_KEY");
        JsonNode kust = YAML.readTree(root.resolve("base/kustomization.yaml").toFile());
        for (JsonNode r : kust.get("resources")) {
            assertThat(root.resolve("base").resolve(r.asText())).isRegularFile();
        }
        JsonNode gpu = YAML.readTree(root.resolve("overlays/gpu/gpu.yaml").toFile());
        assertThat(gpu.get(0).get("path").asText()).endsWith("nvidia.com~1gpu");
    }

    @Test
    void theApiDeploymentServesOnAllInterfacesAndIsReachableThroughItsService() throws Exception {
        Path root = K8S.toFile().isDirectory() ? K8S : Path.of("..", "k8s");
        var docs = YAML.readValues(YAML.getFactory().createParser(root.resolve("base/api-deployment.yaml").toFile()),
                JsonNode.class).readAll();
        assertThat(docs).hasSize(2);
        JsonNode dep = docs.get(0);
        JsonNode svc = docs.get(1);
        assertThat(dep.get("kind").asText()).isEqualTo("Deployment");
        JsonNode c = dep.at("/spec/template/spec/containers/0");
        assertThat(c.get("args").toString()).isEqualTo("[\"serve\"]");
        assertThat(c.get("env").toString()).contains("QUARKUS_HTTP_HOST").contains("0.0.0.0")
                .contains("CORADS_S3_SECRET_KEY");
        assertThat(svc.get("kind").asText()).isEqualTo("Service");
        assertThat(svc.at("/spec/selector")).isEqualTo(dep.at("/spec/selector/matchLabels"));
    }
}
