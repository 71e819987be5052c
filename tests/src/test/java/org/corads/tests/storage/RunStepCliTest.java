package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.steps.core.StepSpec;
import org.corads.testkit.CliRun;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged app in fresh JVMs: run-step from a spec in the bucket, run-plan through the Camel routes, storage. */
class RunStepCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runStepInAFreshJvmGivesBytesIdenticalToTheInProcessRun() throws Exception {
        StoreConfig a = S3TestServer.freshConfig("inproc");
        ObjectStore storeA = new ObjectStore(a);
        storeA.ensureBuckets();
        S3Uri scan = new S3Uri(a.buckets().scans(), "ct.nii.gz");
        String digest = storeA.putFile(scan, SharedData.ct("chest-ct-01-small.nii.gz"), "application/gzip");
        StepSpec spec = new StepSpec("ingest", new IngestStep().version(),
                JSON.valueToTree(Map.of("minSlices", 16, "maxP01Hu", -900)),
                Map.of("scan", new StepSpec.InputRef(scan.toString(), digest)));
        StepOutcome local = new InProcessStepExecutor(new StepCache(() -> storeA), StepRegistry.standard(),
                dir.resolve("scratch")).execute(spec);
        assertThat(local.status()).isEqualTo(StepOutcome.Status.Computed);

        // same scans bucket, another work bucket: the pod must compute, not hit A's cache
        StoreConfig b = S3TestServer.freshConfig("pod");
        b = b.withBuckets(new StoreConfig.Buckets(a.buckets().scans(), b.buckets().work(), b.buckets().models(),
                b.buckets().results(), b.buckets().quarantine()));
        ObjectStore storeB = new ObjectStore(b);
        storeB.ensureBuckets();
        S3Uri specUri = new S3Uri(b.buckets().work(), "specs/ingest-ct.json");
        storeB.putBytes(specUri, JSON.writeValueAsBytes(spec), "application/json");
        CliRun r = CliRun.run(S3TestServer.env(b), dir, "1g", 120, "run-step", "--spec", specUri.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        StepOutcome pod = JSON.readValue(r.stdout(), StepOutcome.class);
        assertThat(pod.status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(pod.cacheKey()).isEqualTo(local.cacheKey());
        for (String name : new String[]{"volume.mha", "gate.json"}) {
            assertThat(pod.outputs().get(name).sha256()).isEqualTo(local.outputs().get(name).sha256());
            byte[] x = storeA.getBytes(S3Uri.parse(local.outputs().get(name).uri()));
            byte[] y = storeB.getBytes(S3Uri.parse(pod.outputs().get(name).uri()));
            assertThat(y).isEqualTo(x);
        }
        assertThat(r.stderr()).doesNotContain("embedded S3 server");
    }

    @Test
    void runPlanGoesThroughTheRoutesAndTheSecondRunDoesNoWork() throws Exception {
        StoreConfig c = S3TestServer.freshConfig("plan");
        ObjectStore store = new ObjectStore(c);
        store.ensureBuckets();
        S3Uri scan = new S3Uri(c.buckets().scans(), "ct.nii.gz");
        store.putFile(scan, SharedData.ct("chest-ct-01-small.nii.gz"), "application/gzip");
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {"steps":[
                 {"id":"ingest-ct","step":"ingest","params":{"minSlices":16,"maxP01Hu":-900},
                  "inputs":{"scan":{"uri":"%s"}}},
                 {"id":"norm-ct","step":"clip-normalise","params":{"huMin":-1100,"huMax":300},
                  "inputs":{"volume":{"from":"ingest-ct","output":"volume.mha"}}}]}
                """.formatted(scan));
        CliRun first = CliRun.run(S3TestServer.env(c), dir, "1g", 120, "run-plan", plan.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode d1 = JSON.readTree(first.stdout());
        assertThat(d1.get("computed").asInt()).isEqualTo(2);
        CliRun second = CliRun.run(S3TestServer.env(c), dir, "1g", 120, "run-plan", plan.toString());
        JsonNode d2 = JSON.readTree(second.stdout());
        assertThat(d2.get("cacheHits").asInt()).isEqualTo(2);
        assertThat(d2.get("computed").asInt()).isZero();
        JsonNode stored = JSON.readTree(
                store.getBytes(new S3Uri(c.buckets().work(), "runs/" + d2.get("runId").asText() + "/run.json")));
        assertThat(stored.get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aMalformedPlanIsBadInput() throws Exception {
        StoreConfig c = S3TestServer.freshConfig("badplan");
        Path plan = dir.resolve("cycle.json");
        Files.writeString(plan, """
                {"steps":[{"id":"a","step":"ingest","params":{},"inputs":{"scan":{"from":"b","output":"x"}}},
                          {"id":"b","step":"ingest","params":{},"inputs":{"scan":{"from":"a","output":"x"}}}]}""");
        CliRun r = CliRun.run(S3TestServer.env(c), dir, "1g", 60, "run-plan", plan.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains("cycle");
    }

    @Test
    void withoutConfigurationTheAppStartsItsOwnEmbeddedServer() throws Exception {
        CliRun r = CliRun.run(Map.of(), dir, "512m", 120, "storage", "status");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(j.get("embedded").asBoolean()).isTrue();
        assertThat(j.get("endpoint").asText()).startsWith("http://127.0.0.1:");
        assertThat(dir.resolve("work-data/s3/work")).isDirectory();
        StoreConfig c = S3TestServer.freshConfig("external");
        CliRun ext = CliRun.run(S3TestServer.env(c), dir, "512m", 120, "storage", "status");
        JsonNode e = JSON.readTree(ext.stdout());
        assertThat(e.get("embedded").asBoolean()).isFalse();
        assertThat(e.get("endpoint").asText()).isEqualTo(c.endpoint());
    }
}
