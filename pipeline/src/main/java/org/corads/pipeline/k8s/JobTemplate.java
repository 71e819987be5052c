package org.corads.pipeline.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Job one step runs as: {@code run-step --spec <uri>} in the pipeline image, storage settings from a ConfigMap
 * and keys from a Secret (never literal), resources by weight (heavy steps: more CPU and memory, and a GPU when
 * enabled), a non-root read-only pod with scratch on an emptyDir, labels to find a run's Jobs
 * ({@code corads.io/run}, {@code corads.io/step}, {@code corads.io/cache-key}, …), no retries by Kubernetes
 * ({@code backoffLimit: 0}: the executor decides what to retry), a deadline and a time to live. A light step (one
 * scan's ingest, resampling, masks, grading…) gets {@value #STEP_JAVA_OPTS}{@code =}{@value #LIGHT_STEP_JIT}, which
 * the images' entry point passes to the JVM: its short life is spent faster without the optimising compiler
 * (measured on a cold {@code preprocess}: 0.5–0.9 s less wall time, 2 s less CPU); a heavy step keeps it, its
 * data path runs for minutes to hours.
 */
public record JobTemplate(String image, String imagePullPolicy, String serviceAccount, String configMap, String secret,
        String cpu, String memory, String heavyCpu, String heavyMemory, boolean gpu, Map<String, String> nodeSelector,
        List<String> tolerations, long activeDeadlineSeconds, int ttlSecondsAfterFinished) {

    public static final String LABEL_RUN = "corads.io/run";
    public static final String LABEL_STEP = "corads.io/step";
    public static final String LABEL_KEY = "corads.io/cache-key";
    public static final String LABEL_STEP_ID = "corads.io/step-id";
    public static final String LABEL_STUDY = "corads.io/study";
    public static final int UID = 10001;
    /** The variable the images' entry point adds to the JVM's options after {@code JAVA_OPTS}. */
    public static final String STEP_JAVA_OPTS = "CORADS_STEP_JAVA_OPTS";
    /** JIT setting of a light step's JVM: the first tier only. */
    public static final String LIGHT_STEP_JIT = "-XX:TieredStopAtLevel=1";

    public JobTemplate {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
    }

    /** The template the settings describe. */
    public static JobTemplate of(KubernetesSettings s) {
        Map<String, String> selector = new LinkedHashMap<>();
        for (String kv : s.nodeSelector().orElse(List.of())) {
            String[] p = kv.split("=", 2);
            selector.put(p[0], p.length > 1 ? p[1] : "");
        }
        return new JobTemplate(s.image(), s.imagePullPolicy(), s.serviceAccount(), s.configMap(), s.secret(), s.cpu(),
                s.memory(), s.heavyCpu(), s.heavyMemory(), s.gpu(), selector, s.tolerations().orElse(List.of()),
                s.activeDeadlineSeconds(), s.ttlSecondsAfterFinished());
    }

    /**
     * The Job of one attempt at one step.
     *
     * @param name   a DNS-1123 name, unique per step and attempt
     * @param labels where it belongs (run, study, step id)
     * @param heavy  whether the step keeps every core (or a GPU) busy
     */
    public Job job(String name, String specUri, Map<String, String> labels, boolean heavy) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put("app.kubernetes.io/name", "corads-step");
        l.put("app.kubernetes.io/part-of", "corads-pipeline");
        ResourceRequirementsBuilder r = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(heavy ? heavyCpu : cpu))
                .addToRequests("memory", new Quantity(heavy ? heavyMemory : memory))
                .addToLimits("cpu", new Quantity(heavy ? heavyCpu : cpu))
                .addToLimits("memory", new Quantity(heavy ? heavyMemory : memory))
                .addToLimits("ephemeral-storage", new Quantity("20Gi"))
                .addToRequests("ephemeral-storage", new Quantity("1Gi"));
        if (heavy && gpu) {
            r.addToLimits("nvidia.com/gpu", new Quantity("1"));
        }
        Container c = new ContainerBuilder().withName("step").withImage(image).withImagePullPolicy(imagePullPolicy)
                .withArgs("run-step", "--spec", specUri).addNewEnvFrom().withNewConfigMapRef(configMap, false)
                .endEnvFrom()
                .addToEnv(new EnvVarBuilder().withName("CORADS_S3_ACCESS_KEY").withNewValueFrom()
                        .withNewSecretKeyRef("access-key", secret, false).endValueFrom().build())
                .addToEnv(new EnvVarBuilder().withName("CORADS_S3_SECRET_KEY").withNewValueFrom()
                        .withNewSecretKeyRef("secret-key", secret, false).endValueFrom().build())
                .addToEnv(new EnvVarBuilder().withName("CORADS_SCRATCH_DIR").withValue("/scratch").build())
                .addToEnv(new EnvVarBuilder().withName("HOME").withValue("/tmp").build())
                .addToEnv(new EnvVarBuilder().withName(STEP_JAVA_OPTS).withValue(heavy ? "" : LIGHT_STEP_JIT).build())
                .withResources(r.build()).withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser((long) UID)
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withNewCapabilities()
                .withDrop("ALL").endCapabilities().withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext().addNewVolumeMount().withName("scratch")
                .withMountPath("/scratch").endVolumeMount().addNewVolumeMount().withName("tmp").withMountPath("/tmp")
                .endVolumeMount().build();
        List<Toleration> tol = new ArrayList<>();
        for (String t : tolerations) {
            tol.add(toleration(t));
        }
        return new JobBuilder().withNewMetadata().withName(name).withLabels(l).endMetadata().withNewSpec()
                .withBackoffLimit(0).withActiveDeadlineSeconds(activeDeadlineSeconds)
                .withTtlSecondsAfterFinished(ttlSecondsAfterFinished).withNewTemplate().withNewMetadata().withLabels(l)
                .endMetadata().withNewSpec().withRestartPolicy("Never").withServiceAccountName(serviceAccount)
                .withAutomountServiceAccountToken(false).withNewSecurityContext().withRunAsNonRoot(true)
                .withRunAsUser((long) UID).withRunAsGroup((long) UID).withFsGroup((long) UID).withNewSeccompProfile()
                .withType("RuntimeDefault").endSeccompProfile().endSecurityContext().withNodeSelector(nodeSelector)
                .withTolerations(tol).withContainers(c).addNewVolume().withName("scratch").withNewEmptyDir()
                .endEmptyDir().endVolume().addNewVolume().withName("tmp").withNewEmptyDir().withMedium("Memory")
                .withSizeLimit(new Quantity("1Gi")).endEmptyDir().endVolume().endSpec().endTemplate().endSpec().build();
    }

    /** {@code key=value:Effect} or {@code key:Effect} (operator Exists). */
    static Toleration toleration(String t) {
        String[] ke = t.split(":", 2);
        String effect = ke.length > 1 ? ke[1] : null;
        String[] kv = ke[0].split("=", 2);
        TolerationBuilder b = new TolerationBuilder().withKey(kv[0]).withEffect(effect);
        return kv.length > 1 ? b.withOperator("Equal").withValue(kv[1]).build() : b.withOperator("Exists").build();
    }

    /** A DNS-1123 label value: lower case, at most 63 characters. */
    public static String label(String s) {
        String v = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        v = v.length() > 63 ? v.substring(0, 63) : v;
        return v.replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
    }
}
