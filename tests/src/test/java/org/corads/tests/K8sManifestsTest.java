package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.corads.pipeline.k8s.JobTemplate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests as a cluster admin would check them: every overlay renders with {@code kubectl kustomize}, every
 * object parses into fabric8's model with no field the model does not know, and every workload — and every Job the
 * executor creates — runs non-root on a read-only root filesystem, without privilege escalation or capabilities,
 * under the runtime's seccomp profile, with requests and limits; RBAC grants exactly what the executor does; no
 * secret is written in the repository.
 */
class K8sManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path K8S = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "k8s");

    private static Path root() {
        return K8S.toFile().isDirectory() ? K8S : Path.of("..", "k8s");
    }

    static List<HasMetadata> render(String overlay) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", root().resolve(overlay).toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("kubectl is not installed: the manifests were not rendered (" + e.getMessage() + ")");
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(out), JsonNode.class).readAll()) {
            assertThat(doc.get("kind").asText()).as(doc.toString()).isNotEqualTo("Secret");
            HasMetadata o = Serialization.unmarshal(doc.toString());
            assertNoUnknownFields(o, o.getKind() + "/" + o.getMetadata().getName(), new IdentityHashMap<>());
            objects.add(o);
        }
        return objects;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/gpu", "overlays/local"})
    void everyOverlayRendersAndEveryWorkloadPassesThePolicy(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        int workloads = 0;
        for (HasMetadata o : objects) {
            PodSpec pod = podSpec(o);
            if (pod != null) {
                workloads++;
                checkPod(o.getKind() + "/" + o.getMetadata().getName(), pod);
            }
            if (o instanceof Role r) {
                assertThat(r.getRules()).hasSize(2);
                assertThat(r.getRules().get(0).getResources()).containsExactly("jobs");
                assertThat(r.getRules().get(0).getVerbs()).containsExactlyInAnyOrder("create", "get", "list", "watch",
                        "delete");
                assertThat(r.getRules().get(1).getResources()).containsExactlyInAnyOrder("pods", "pods/log");
                assertThat(r.getRules().get(1).getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            }
        }
        assertThat(workloads).isGreaterThanOrEqualTo(3);
        assertThat(objects).extracting(HasMetadata::getKind).contains("ServiceAccount", "Role", "RoleBinding",
                "ConfigMap", "Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget", "Job");
        if (overlay.endsWith("gpu")) {
            Job job = objects.stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
            var c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getResources().getLimits()).containsKey("nvidia.com/gpu");
            assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/dev/shm"));
            var cm = objects.stream().filter(x -> x.getKind().equals("ConfigMap")).findFirst().orElseThrow();
            assertThat(((ConfigMap) cm).getData()).containsEntry("CORADS_KUBERNETES_GPU", "true");
        }
        if (overlay.endsWith("local")) {
            assertThat(objects)
                    .anyMatch(o -> o instanceof StatefulSet s && !s.getSpec().getVolumeClaimTemplates().isEmpty());
        }
    }

    @Test
    void theJobsTheExecutorCreatesPassTheSamePolicy() {
        JobTemplate t = new JobTemplate("corads-pipeline:0.1.0", "IfNotPresent", "corads-step", "corads-config",
                "corads-s3", "1", "2Gi", "4", "16Gi", true, Map.of(), List.of("nvidia.com/gpu:NoSchedule"), 3600, 600);
        for (boolean heavy : new boolean[]{false, true}) {
            Job j = t.job("corads-train-0123456789abcdef-1", "s3://work/specs/train/x.json", Map.of(), heavy);
            checkPod("executor Job (heavy " + heavy + ")", j.getSpec().getTemplate().getSpec());
            assertThat(j.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                    .containsKey("nvidia.com/gpu")).isEqualTo(heavy);
        }
    }

    private static PodSpec podSpec(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (o instanceof StatefulSet s) {
            return s.getSpec().getTemplate().getSpec();
        }
        if (o instanceof Job j) {
            return j.getSpec().getTemplate().getSpec();
        }
        return null;
    }

    private static void checkPod(String what, PodSpec pod) {
        PodSecurityContext ps = pod.getSecurityContext();
        assertThat(ps).as(what + " pod securityContext").isNotNull();
        assertThat(ps.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
        assertThat(ps.getRunAsNonRoot()).as(what).isTrue();
        assertThat(ps.getRunAsUser()).as(what + " fixed non-root UID").isNotNull().isPositive();
        for (Container c : pod.getContainers()) {
            String w = what + " container " + c.getName();
            SecurityContext s = c.getSecurityContext();
            assertThat(s).as(w).isNotNull();
            assertThat(s.getReadOnlyRootFilesystem()).as(w + " readOnlyRootFilesystem").isTrue();
            assertThat(s.getAllowPrivilegeEscalation()).as(w + " allowPrivilegeEscalation").isFalse();
            assertThat(s.getRunAsNonRoot()).as(w).isTrue();
            assertThat(s.getCapabilities().getDrop()).as(w).containsExactly("ALL");
            assertThat(c.getResources().getRequests()).as(w + " requests").containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(w + " limits").containsKeys("cpu", "memory");
            assertThat(c.getVolumeMounts()).as(w + " writable /tmp").anyMatch(m -> m.getMountPath().equals("/tmp"));
            if (c.getEnv() != null) {
                for (var e : c.getEnv()) {
                    if (e.getName().matches(".*(SECRET|PASSWORD|TOKEN|ACCESS_KEY).*")) {
                        assertThat(e.getValue()).as(w + " " + e.getName() + " must come from a Secret").isNull();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as(w + " " + e.getName()).isNotNull();
                    }
                }
            }
        }
    }

    /** Fails on any field the fabric8 model kept as an additional property (a field Kubernetes does not know). */
    private static void assertNoUnknownFields(Object o, String where, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            for (Object x : c) {
                assertNoUnknownFields(x, where, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Object x : m.values()) {
                assertNoUnknownFields(x, where, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) v)
                        .as(where + ": fields unknown to Kubernetes in " + o.getClass().getSimpleName())
                        .isNullOrEmpty();
            } else {
                assertNoUnknownFields(v, where, seen);
            }
        }
    }
}
