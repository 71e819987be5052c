package org.corads.testkit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.corads.pipeline.k8s.JobTemplate;

/**
 * A stand-in for the kubelet and the Job controller, against the fabric8 mock API server: it picks up every new
 * Job, creates its pod on a node called {@code stand-in-node}, runs the Job's container command as a child JVM of
 * the packaged app (the image's entry point, {@code java $CORADS_STEP_JAVA_OPTS -jar quarkus-run.jar <args>}) with
 * the container's literal environment plus the storage settings a real pod would get from its ConfigMap and Secret,
 * and sets the pod's and the Job's status from the exit code. It can also play the infrastructure's failures for a
 * step: OOMKilled, a deadline, an image that cannot be pulled, a pod that cannot be scheduled, an eviction.
 */
public final class KubeletStandIn implements AutoCloseable {
    public static final String NODE = "stand-in-node";

    /** Failures the stand-in can play instead of running a Job. */
    public enum Fault {
        OOM_KILLED, DEADLINE_EXCEEDED, IMAGE_PULL_BACK_OFF, UNSCHEDULABLE, EVICTED
    }

    private final KubernetesClient k8s;
    private final String namespace;
    private final Map<String, String> podEnv;
    private final Path workDir;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final ExecutorService pods = Executors.newFixedThreadPool(4);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread loop;

    /**
     * @param podEnv what a pod gets from its ConfigMap and Secret (the test S3 server's endpoint, keys, buckets)
     */
    public KubeletStandIn(KubernetesClient k8s, String namespace, Map<String, String> podEnv, Path workDir) {
        this.k8s = k8s;
        this.namespace = namespace;
        this.podEnv = Map.copyOf(podEnv);
        this.workDir = workDir;
        this.loop = new Thread(this::watch, "kubelet-stand-in");
        loop.setDaemon(true);
        loop.start();
    }

    /** The next Jobs of {@code step} play these faults, one Job each, in order. */
    public void fail(String step, Fault... f) {
        faults.computeIfAbsent(step, k -> new CopyOnWriteArrayList<>()).addAll(List.of(f));
    }

    /** Names of the Jobs whose command the stand-in ran as a child JVM. */
    public List<String> ran() {
        return List.copyOf(ran);
    }

    private void watch() {
        while (running.get()) {
            try {
                for (Job j : k8s.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
                    if (seen.add(j.getMetadata().getUid())) {
                        pods.submit(() -> handle(j));
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the API server is going away at the end of a test
            }
        }
    }

    private void handle(Job job) {
        try {
            String step = job.getMetadata().getLabels().get("corads.io/step");
            List<Fault> f = faults.getOrDefault(step, List.of());
            Fault fault = f.isEmpty() ? null : f.remove(0);
            String podName = job.getMetadata().getName() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
            Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
            Pod pod = new PodBuilder().withNewMetadata().withName(podName)
                    .addToLabels("job-name", job.getMetadata().getName())
                    .addToLabels("controller-uid", job.getMetadata().getUid())
                    .withCreationTimestamp(Instant.now().toString()).endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec()).build();
            if (fault != Fault.UNSCHEDULABLE) {
                pod.getSpec().setNodeName(NODE);
            }
            k8s.pods().inNamespace(namespace).resource(pod).create();
            if (fault != null) {
                play(job, podName, c, fault);
                return;
            }
            setJob(job, new JobStatusBuilder().withActive(1).build());
            int exit = runContainer(c, job.getMetadata().getName());
            ran.add(job.getMetadata().getName());
            setPod(podName, c, "Terminated", exit, exit == 0 ? "Completed" : "Error");
            setJob(job, exit == 0
                    ? new JobStatusBuilder().withSucceeded(1).build()
                    : new JobStatusBuilder().withFailed(1)
                            .withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                                    .withReason("BackoffLimitExceeded")
                                    .withMessage("Job has reached the specified backoff limit").build())
                            .build());
        } catch (Exception e) {
            System.err.println("kubelet stand-in: " + job.getMetadata().getName() + ": " + e);
        }
    }

    private void play(Job job, String podName, Container c, Fault fault) {
        switch (fault) {
            case OOM_KILLED -> {
                setPod(podName, c, "Terminated", 137, "OOMKilled");
                setJob(job, failed("BackoffLimitExceeded", "Job has reached the specified backoff limit"));
            }
            case DEADLINE_EXCEEDED ->
                setJob(job, failed("DeadlineExceeded", "Job was active longer than specified deadline"));
            case IMAGE_PULL_BACK_OFF -> {
                Pod p = k8s.pods().inNamespace(namespace).withName(podName).get();
                p.setStatus(new PodStatusBuilder().withPhase("Pending")
                        .withContainerStatuses(new ContainerStatusBuilder().withName(c.getName())
                                .withImage(c.getImage()).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                                .withMessage("Back-off pulling image \"" + c.getImage() + "\"").endWaiting().endState()
                                .build())
                        .build());
                k8s.pods().inNamespace(namespace).resource(p).update();
            }
            case UNSCHEDULABLE -> {
                Pod p = k8s.pods().inNamespace(namespace).withName(podName).get();
                p.setStatus(new PodStatusBuilder().withPhase("Pending")
                        .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                                .withReason("Unschedulable")
                                .withMessage("0/3 nodes are available: 3 Insufficient " + "nvidia.com/gpu.").build())
                        .build());
                k8s.pods().inNamespace(namespace).resource(p).update();
            }
            case EVICTED -> {
                Pod p = k8s.pods().inNamespace(namespace).withName(podName).get();
                p.setStatus(new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                        .withMessage("The node was low on resource: memory.").build());
                k8s.pods().inNamespace(namespace).resource(p).update();
                setJob(job, failed("BackoffLimitExceeded", "Job has reached the specified backoff limit"));
            }
            default -> throw new IllegalStateException(fault.toString());
        }
    }

    private int runContainer(Container c, String jobName) throws Exception {
        List<String> cmd = new ArrayList<>(CliRun.command("2g"));
        Map<String, String> env = new HashMap<>(podEnv);
        for (EnvVar v : c.getEnv()) {
            if (v.getValue() != null) {
                env.put(v.getName(), v.getValue());
            }
        }
        // as the images' entry point does: the step's JVM options after the others, before -jar
        String stepOpts = env.getOrDefault(JobTemplate.STEP_JAVA_OPTS, "").strip();
        if (!stepOpts.isEmpty()) {
            cmd.addAll(cmd.indexOf("-jar"), List.of(stepOpts.split("\\s+")));
        }
        cmd.addAll(c.getArgs());
        Path scratch = Files.createDirectories(workDir.resolve(jobName));
        env.put("CORADS_SCRATCH_DIR", scratch.resolve("scratch").toString());
        env.put("HOME", scratch.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("pod.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return 137;
        }
        return p.exitValue();
    }

    private static JobStatus failed(String reason, String message) {
        return new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason(reason).withMessage(message).build()).build();
    }

    private void setPod(String podName, Container c, String state, int exit, String reason) {
        Pod p = k8s.pods().inNamespace(namespace).withName(podName).get();
        p.setStatus(new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                        .withNewState().withNewTerminated().withExitCode(exit).withReason(reason).endTerminated()
                        .endState().build())
                .build());
        k8s.pods().inNamespace(namespace).resource(p).update();
    }

    private void setJob(Job job, JobStatus status) {
        Job j = k8s.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName()).get();
        if (j != null) {
            j.setStatus(status);
            k8s.batch().v1().jobs().inNamespace(namespace).resource(j).updateStatus();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        loop.interrupt();
        pods.shutdownNow();
        pods.awaitTermination(10, TimeUnit.SECONDS);
    }
}
