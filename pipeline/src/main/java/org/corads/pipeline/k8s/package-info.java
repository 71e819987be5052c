/**
 * Steps as Kubernetes Jobs: the Job a step runs as (image, resources, GPU, security context, labels), the executor
 * that creates it, watches it to its end and reads the outcome from the step's sidecar, and the reasons Kubernetes
 * gives for a failure.
 *
 * <p>May use: the fabric8 Kubernetes client, {@code pipeline.exec}, {@code pipeline.steps}; never the CLI or the API.
 */
package org.corads.pipeline.k8s;
