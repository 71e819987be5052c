package org.corads.pipeline.k8s;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * How steps run as Jobs ({@code corads.kubernetes.*}; environment {@code CORADS_KUBERNETES_IMAGE}, …). Heavy steps
 * (network training and inference) get the {@code heavy-*} resources and, with {@code gpu=true}, one
 * {@code nvidia.com/gpu} each.
 */
@ConfigMapping(prefix = "corads.kubernetes")
public interface KubernetesSettings {

    /** Namespace of the Jobs (default: the client's). */
    Optional<String> namespace();

    /** The pipeline image the Jobs run. */
    @WithDefault("corads-pipeline:0.1.0")
    String image();

    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    @WithDefault("corads-step")
    String serviceAccount();

    /** ConfigMap and Secret the step pods read their storage settings and keys from. */
    @WithDefault("corads-config")
    String configMap();

    @WithDefault("corads-s3")
    String secret();

    @WithDefault("1")
    String cpu();

    @WithDefault("2Gi")
    String memory();

    @WithDefault("2")
    String heavyCpu();

    @WithDefault("8Gi")
    String heavyMemory();

    /** Heavy steps request one GPU each. */
    @WithDefault("false")
    boolean gpu();

    /** Node labels the step pods must run on, as {@code key=value} (e.g. {@code nvidia.com/gpu.present=true}). */
    Optional<List<String>> nodeSelector();

    /** Tolerations as {@code key=value:Effect} or {@code key:Effect}. */
    Optional<List<String>> tolerations();

    /** A Job running longer than this is stopped (DeadlineExceeded). */
    @WithDefault("21600")
    long activeDeadlineSeconds();

    @WithDefault("3600")
    int ttlSecondsAfterFinished();

    /** Attempts for failures of the infrastructure (eviction, image pull, OOM…); a rejected input is never retried. */
    @WithDefault("2")
    int maxAttempts();

    /** How long to wait for a Job that does not start (image pull, scheduling) before failing it. */
    @WithDefault("600")
    long startTimeoutSeconds();
}
