package org.corads.pipeline.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;

/**
 * Where a step's Job stands, read from the Job and its pod: still going, succeeded, or failed with the reason
 * Kubernetes gives — OOMKilled (with the memory limit), DeadlineExceeded, ImagePullBackOff / ErrImagePull,
 * Evicted, Unschedulable — or the step's own exit code (2: the step rejected its input, which is never retried).
 *
 * @param phase    where it stands
 * @param reason   one line, for a failure
 * @param exitCode the step container's exit code when it terminated (else null)
 * @param node     the node the pod ran on (null before scheduling)
 */
public record JobState(Phase phase, String reason, Integer exitCode, String node) {

    /** The stages of a Job as the executor sees them. */
    public enum Phase {
        RUNNING, SUCCEEDED, FAILED
    }

    /** Whether a failure is the input's fault (the step exited 2) rather than the infrastructure's. */
    public boolean badInput() {
        return phase == Phase.FAILED && exitCode != null && exitCode == 2;
    }

    /**
     * Whether retrying may help: failures of the infrastructure (eviction, OOM kill, image pull, scheduling), not of
     * the step itself (an exit code of its own) nor a deadline.
     */
    public boolean retryable() {
        if (phase != Phase.FAILED || badInput() || reason.startsWith("DeadlineExceeded")) {
            return false; // a step past its deadline would only run past it again
        }
        return exitCode == null || exitCode == 137 || reason.startsWith("OOMKilled") || reason.startsWith("Evicted");
    }

    /** The state of {@code job} given its pods (newest last). */
    public static JobState of(Job job, List<Pod> pods) {
        Pod pod = pods.isEmpty() ? null : pods.get(pods.size() - 1);
        String node = pod == null || pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        var status = job.getStatus();
        if (status != null && status.getSucceeded() != null && status.getSucceeded() > 0) {
            return new JobState(Phase.SUCCEEDED, null, 0, node);
        }
        String podReason = pod == null ? null : podFailure(pod, job);
        Integer exit = pod == null ? null : exitCode(pod);
        JobCondition failed = status == null || status.getConditions() == null
                ? null
                : status.getConditions().stream()
                        .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst()
                        .orElse(null);
        if (failed != null || (status != null && status.getFailed() != null && status.getFailed() > 0)) {
            String why;
            if (podReason != null) {
                why = podReason;
            } else if (failed != null && "DeadlineExceeded".equals(failed.getReason())) {
                why = "DeadlineExceeded: the Job ran past activeDeadlineSeconds "
                        + job.getSpec().getActiveDeadlineSeconds();
            } else if (failed != null) {
                why = failed.getReason() + ": " + failed.getMessage()
                        + (exit == null ? "" : " (exit code " + exit + ")");
            } else {
                why = "the step's pod failed" + (exit == null ? "" : " (exit code " + exit + ")");
            }
            return new JobState(Phase.FAILED, why, exit, node);
        }
        if (podReason != null && (podReason.startsWith("ImagePull") || podReason.startsWith("ErrImagePull")
                || podReason.startsWith("Unschedulable") || podReason.startsWith("Evicted"))) {
            return new JobState(Phase.FAILED, podReason, exit, node);
        }
        return new JobState(Phase.RUNNING, null, null, node);
    }

    private static Integer exitCode(Pod pod) {
        ContainerStatus c = container(pod);
        if (c == null || c.getState() == null || c.getState().getTerminated() == null) {
            return null;
        }
        return c.getState().getTerminated().getExitCode();
    }

    private static ContainerStatus container(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().get(0);
    }

    /** What went wrong with a pod, in Kubernetes' words, or null. */
    private static String podFailure(Pod pod, Job job) {
        var st = pod.getStatus();
        if (st == null) {
            return null;
        }
        if ("Evicted".equals(st.getReason())) {
            return "Evicted: " + st.getMessage();
        }
        if (st.getConditions() != null) {
            for (PodCondition c : st.getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason())) {
                    return "Unschedulable: " + c.getMessage();
                }
            }
        }
        ContainerStatus c = container(pod);
        if (c == null || c.getState() == null) {
            return null;
        }
        if (c.getState().getWaiting() != null) {
            String r = c.getState().getWaiting().getReason();
            if ("ImagePullBackOff".equals(r) || "ErrImagePull".equals(r) || "InvalidImageName".equals(r)) {
                return r + ": " + c.getImage() + " (" + c.getState().getWaiting().getMessage() + ")";
            }
        }
        if (c.getState().getTerminated() != null && "OOMKilled".equals(c.getState().getTerminated().getReason())) {
            var limits = job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
            return "OOMKilled: the step used more than its memory limit "
                    + (limits == null || limits.get("memory") == null ? "(none set)" : limits.get("memory").toString());
        }
        return null;
    }
}
