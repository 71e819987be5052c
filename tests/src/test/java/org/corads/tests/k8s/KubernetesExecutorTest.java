package org.corads.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepContext;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.k8s.JobTemplate;
import org.corads.pipeline.k8s.KubernetesJobExecutor;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.StepSpec;
import org.corads.testkit.KubeletStandIn;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes executor against the fabric8 mock API server (CRUD), with the kubelet stand-in running each Job's
 * command as a child JVM of the packaged app against the test S3 server, or playing an infrastructure failure.
 */
class KubernetesExecutorTest {
    private static final String NS = "corads";

    @TempDir
    Path dir;
    private KubernetesMockServer server;
    private KubernetesClient k8s;
    private KubeletStandIn kubelet;
    private ObjectStore store;
    private StepCache cache;
    private final StepRegistry registry = StepRegistry.standard();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        k8s = server.createClient();
        store = S3TestServer.freshStore("k8s");
        cache = new StepCache(() -> store);
        kubelet = new KubeletStandIn(k8s, NS, S3TestServer.env(store.config()), dir.resolve("pods"));
    }

    @AfterEach
    void stop() throws Exception {
        kubelet.close();
        k8s.close();
        server.destroy();
    }

    private KubernetesJobExecutor executor(int attempts) {
        return new KubernetesJobExecutor(k8s, NS, cache, registry, executorTemplate(), attempts, Duration.ofSeconds(5),
                Duration.ofMillis(100));
    }

    private static JobTemplate executorTemplate() {
        return new JobTemplate("corads-pipeline:test", "IfNotPresent", "corads-step", "corads-config", "corads-s3", "1",
                "2Gi", "2", "8Gi", true, Map.of("nvidia.com/gpu.present", "true"), List.of("nvidia.com/gpu:NoSchedule"),
                3600, 600);
    }

    private StepSpec ingest(String file) {
        S3Uri scan = new S3Uri(store.config().buckets().scans(), file);
        store.putFile(scan, SharedData.ct(file), "application/octet-stream");
        return registry.spec("ingest", CanonicalJson.mapper().valueToTree(IngestStep.Params.DEFAULT),
                Map.of("scan", cache.input(scan)));
    }

    private List<Job> jobs() {
        return k8s.batch().v1().jobs().inNamespace(NS).list().getItems();
    }

    @Test
    void aStepRunsAsAJobAndGivesTheSameBytesAsInProcessAndACacheHitCreatesNoJob() throws Exception {
        StepSpec spec = ingest("chest-ct-01-small.nii.gz");
        StepOutcome o = new StepContext("run-1", "scan/a/ingest").around(() -> executor(2).execute(spec));
        assertThat(o.status()).as(o.error()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(o.job()).startsWith("corads-ingest-");
        assertThat(o.node()).isEqualTo(KubeletStandIn.NODE);
        Job job = jobs().get(0);
        assertThat(job.getMetadata().getLabels()).containsEntry(JobTemplate.LABEL_RUN, "run-1")
                .containsEntry(JobTemplate.LABEL_STEP, "ingest")
                .containsEntry(JobTemplate.LABEL_STEP_ID, "scan.a.ingest");
        var c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).containsExactly("run-step", "--spec",
                cache.putSpec(registry.canonical(spec)).toString());
        assertThat(c.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        // a light step's JVM runs without the optimising compiler (the stand-in passes it as the image would);
        // a heavy one keeps it
        assertThat(c.getEnv()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(JobTemplate.STEP_JAVA_OPTS);
            assertThat(v.getValue()).isEqualTo("-XX:TieredStopAtLevel=1");
        });
        var heavy = executorTemplate().job("x", "s3://work/spec.json", Map.of(), true).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(heavy.getEnv()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(JobTemplate.STEP_JAVA_OPTS);
            assertThat(v.getValue()).isEmpty();
        });

        // the same spec in process on a second store: byte-identical outputs
        ObjectStore other = S3TestServer.freshStore("k8s-local");
        S3Uri scan = new S3Uri(other.config().buckets().scans(), "chest-ct-01-small.nii.gz");
        other.putFile(scan, SharedData.ct("chest-ct-01-small.nii.gz"), "application/octet-stream");
        StepCache otherCache = new StepCache(() -> other);
        StepOutcome local = new InProcessStepExecutor(otherCache, registry, dir.resolve("local"))
                .execute(registry.spec("ingest", spec.params(), Map.of("scan", otherCache.input(scan))));
        assertThat(local.cacheKey()).isEqualTo(o.cacheKey());
        for (String name : List.of("volume.mha", "gate.json")) {
            assertThat(local.outputs().get(name).sha256()).as(name).isEqualTo(o.outputs().get(name).sha256());
        }

        int before = jobs().size();
        StepOutcome again = executor(2).execute(spec);
        assertThat(again.status()).isEqualTo(StepOutcome.Status.CacheHit);
        assertThat(jobs()).hasSize(before);
    }

    @Test
    void aStepThatRejectsItsInputFailsAsBadInputWithoutARetry() throws Exception {
        S3Uri bad = new S3Uri(store.config().buckets().scans(), "not-a-scan.nii.gz");
        store.putBytes(bad, "this is not a scan".getBytes(), "application/octet-stream");
        StepSpec spec = registry.spec("ingest", CanonicalJson.mapper().valueToTree(IngestStep.Params.DEFAULT),
                Map.of("scan", cache.input(bad)));
        StepOutcome o = executor(3).execute(spec);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(o.badInput()).isTrue();
        assertThat(jobs()).hasSize(1);
        assertThat(kubelet.ran()).hasSize(1);
    }

    @Test
    void infrastructureFailuresAreNamedAndRetriedUpToTheBound() throws Exception {
        StepSpec spec = ingest("chest-ct-01-small.nii.gz");
        kubelet.fail("ingest", KubeletStandIn.Fault.OOM_KILLED, KubeletStandIn.Fault.IMAGE_PULL_BACK_OFF);
        StepOutcome o = executor(2).execute(spec);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(o.badInput()).isFalse();
        assertThat(o.error()).contains("OOMKilled: the step used more than its memory limit 2Gi")
                .contains("ImagePullBackOff: corads-pipeline:test");
        assertThat(jobs()).hasSize(2);

        kubelet.fail("ingest", KubeletStandIn.Fault.EVICTED);
        StepOutcome third = executor(3).execute(spec);
        assertThat(third.status()).as(third.error()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(kubelet.ran()).hasSize(1);
    }

    @Test
    void aDeadlineOrAPodThatCannotBeScheduledIsReportedWithKubernetesReason() throws Exception {
        StepSpec spec = ingest("chest-ct-01-small.nii.gz");
        kubelet.fail("ingest", KubeletStandIn.Fault.DEADLINE_EXCEEDED);
        StepOutcome deadline = executor(1).execute(spec);
        assertThat(deadline.error()).contains("DeadlineExceeded: the Job ran past activeDeadlineSeconds 3600");

        kubelet.fail("ingest", KubeletStandIn.Fault.UNSCHEDULABLE);
        k8s.batch().v1().jobs().inNamespace(NS).delete();
        Thread.sleep(300);
        StepOutcome unschedulable = executor(1).execute(spec);
        assertThat(unschedulable.error()).contains("Unschedulable: 0/3 nodes are available");
    }

    @Test
    void cancellingARunDeletesItsJobs() throws Exception {
        StepSpec spec = ingest("chest-ct-01-small.nii.gz");
        kubelet.fail("ingest", KubeletStandIn.Fault.IMAGE_PULL_BACK_OFF);
        KubernetesJobExecutor ex = executor(1);
        new StepContext("run-to-cancel", "scan/a/ingest").around(() -> ex.execute(spec));
        assertThat(jobs()).hasSize(1);
        assertThat(ex.cancel("run-to-cancel")).isEqualTo(1);
        assertThat(jobs()).isEmpty();
    }
}
