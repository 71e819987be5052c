package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.Provenance;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.StepSpec;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-addressed caching of a two-step chain against the real S3 server; counts, not timings. */
class StepCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    ObjectStore store;
    InProcessStepExecutor executor;
    DagRunner runner;
    String scanUri;

    @BeforeEach
    void setUp() {
        store = S3TestServer.freshStore("cache");
        StepRegistry registry = StepRegistry.standard();
        executor = new InProcessStepExecutor(new StepCache(() -> store), registry, scratch);
        runner = new DagRunner(new StepCache(() -> store), registry, executor::execute);
        S3Uri scan = new S3Uri(store.config().buckets().scans(), "site-a/ct small.nii.gz");
        store.putFile(scan, SharedData.ct("chest-ct-01-small.nii.gz"), "application/gzip");
        scanUri = scan.toString();
    }

    RunPlan plan(String runId, double huMax) {
        JsonNode ingestParams = JSON.valueToTree(Map.of("minSlices", 16, "maxP01Hu", -900));
        JsonNode clipParams = JSON.valueToTree(Map.of("huMin", -1100, "huMax", huMax));
        return new RunPlan(runId,
                List.of(new RunPlan.PlannedStep("norm", "clip-normalise", clipParams,
                        Map.of("volume", new RunPlan.InputSource(null, "ingest", "volume.mha"))),
                        new RunPlan.PlannedStep("ingest", "ingest", ingestParams,
                                Map.of("scan", new RunPlan.InputSource(scanUri, null, null)))));
    }

    @Test
    void aSecondRunIsAllCacheHitsAndAChangedParameterRecomputesOnlyItsStep() throws Exception {
        RunDocument first = runner.run(plan("first", 300));
        assertThat(first.outcomes().get("ingest").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(first.outcomes().get("norm").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(List.copyOf(first.outcomes().keySet())).containsExactly("ingest", "norm");

        RunDocument second = runner.run(plan("second", 300));
        assertThat(second.cacheHits()).isEqualTo(2);
        assertThat(second.computed()).isZero();
        assertThat(executor.computations("ingest")).isEqualTo(1);
        assertThat(executor.computations("clip-normalise")).isEqualTo(1);
        assertThat(second.outcomes().get("norm").outputs()).isEqualTo(first.outcomes().get("norm").outputs());

        RunDocument third = runner.run(plan("third", 200));
        assertThat(third.outcomes().get("ingest").status()).isEqualTo(StepOutcome.Status.CacheHit);
        assertThat(third.outcomes().get("norm").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(executor.computations("ingest")).isEqualTo(1);
        assertThat(executor.computations("clip-normalise")).isEqualTo(2);

        RunDocument stored = JSON.readValue(
                store.getBytes(new S3Uri(store.config().buckets().work(), "runs/second/run.json")), RunDocument.class);
        assertThat(stored.status()).isEqualTo("succeeded");
        assertThat(stored.cacheHits()).isEqualTo(2);
        Provenance p = JSON.readValue(
                store.getBytes(new S3Uri(store.config().buckets().work(),
                        "cache/ingest/" + first.outcomes().get("ingest").cacheKey() + "/_step.json")),
                Provenance.class);
        assertThat(p.inputs().get("scan").uri()).isEqualTo(scanUri);
        assertThat(p.outputs()).containsKeys("volume.mha", "gate.json");
    }

    @Test
    void outputsWithoutTheirSidecarAreNeverAHit() throws Exception {
        RunDocument first = runner.run(plan("crash", 300));
        StepOutcome norm = first.outcomes().get("norm");
        String prefix = "cache/clip-normalise/" + norm.cacheKey() + "/";
        // the state a crash leaves after uploading outputs but before the sidecar
        store.remove(new S3Uri(store.config().buckets().work(), prefix + Provenance.FILE));
        RunDocument again = runner.run(plan("crash-2", 300));
        assertThat(again.outcomes().get("norm").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(executor.computations("clip-normalise")).isEqualTo(2);
        // a sidecar whose outputs are gone is not a hit either
        store.remove(new S3Uri(store.config().buckets().work(), prefix + "normalised.mha"));
        RunDocument third = runner.run(plan("crash-3", 300));
        assertThat(third.outcomes().get("norm").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(executor.computations("clip-normalise")).isEqualTo(3);
        assertThat(third.outcomes().get("norm").outputs()).isEqualTo(norm.outputs());
    }

    @Test
    void aRejectedScanIsQuarantinedAndLeftUntouched() throws Exception {
        S3Uri mask = new S3Uri(store.config().buckets().scans(), "not-ct.nii.gz");
        Path f = scratch.resolve("mask.nii.gz");
        VolumeIO.write(Volume.adoptBytes(Geometry.of(8, 8, 20, 1, 1, 1), new byte[8 * 8 * 20]), f);
        String digest = store.putFile(mask, f, "application/gzip");
        StepSpec spec = new StepSpec("ingest", new IngestStep().version(),
                JSON.valueToTree(Map.of("minSlices", 16, "maxP01Hu", -900)),
                Map.of("scan", new StepSpec.InputRef(mask.toString(), digest)));
        StepOutcome o = executor.execute(spec);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(o.badInput()).isTrue();
        assertThat(o.error()).contains("1st percentile");
        JsonNode reason = JSON.readTree(store
                .getBytes(new S3Uri(store.config().buckets().quarantine(), "ingest/" + o.cacheKey() + "/reason.json")));
        assertThat(reason.get("reason").asText()).contains("1st percentile");
        assertThat(store.digestOf(mask)).isEqualTo(digest);
        assertThat(store.list(store.config().buckets().work(), "cache/ingest/" + o.cacheKey())).isEmpty();
    }
}
