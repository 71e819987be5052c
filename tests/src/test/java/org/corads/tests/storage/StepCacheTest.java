package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.Provenance;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.storage.CorruptObjectException;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
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

    /** The file the test server keeps an object in (filesystem backend), to damage it as a failing disk would. */
    static Path stored(S3Uri uri) throws Exception {
        Path bucket = S3TestServer.dataDir().resolve(uri.bucket());
        try (Stream<Path> s = Files.walk(bucket)) {
            return s.filter(p -> bucket.relativize(p).toString().equals(uri.key())).findFirst().orElseThrow();
        }
    }

    static void flipOneByte(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x5a;
        Files.write(file, b);
    }

    @Test
    void aCorruptedCachedOutputIsDetectedReportedAndComputedAgainNotUsed() throws Exception {
        RunDocument first = runner.run(plan("rot", 300));
        StepOutcome norm = first.outcomes().get("norm");
        S3Uri out = S3Uri.parse(norm.outputs().get("normalised.mha").uri());
        flipOneByte(stored(out));
        assertThat(store.contentDigest(out)).isNotEqualTo(norm.outputs().get("normalised.mha").sha256());

        RunDocument again = runner.run(plan("rot-2", 300));
        assertThat(again.outcomes().get("norm").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(again.outcomes().get("ingest").status()).isEqualTo(StepOutcome.Status.CacheHit);
        assertThat(executor.computations("clip-normalise")).isEqualTo(2);
        assertThat(again.outcomes().get("norm").outputs()).isEqualTo(norm.outputs());
        assertThat(store.contentDigest(out)).isEqualTo(norm.outputs().get("normalised.mha").sha256());
        assertThat(runner.run(plan("rot-3", 300)).cacheHits()).isEqualTo(2);
    }

    @Test
    void aCorruptedInputFailsTheConsumerAsAnInternalErrorAndDropsTheProducersEntry() throws Exception {
        RunDocument first = runner.run(plan("stage", 300));
        StepOutcome ingest = first.outcomes().get("ingest");
        S3Uri volume = S3Uri.parse(ingest.outputs().get("volume.mha").uri());
        flipOneByte(stored(volume));
        StepSpec norm = new StepSpec("clip-normalise", 1, JSON.valueToTree(Map.of("huMin", -1000, "huMax", 250)), Map
                .of("volume", new StepSpec.InputRef(volume.toString(), ingest.outputs().get("volume.mha").sha256())));
        StepOutcome o = executor.execute(norm);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(o.badInput()).isFalse();
        assertThat(o.error()).contains("does not match the recorded").contains("cache entry was dropped");
        assertThat(store.list(store.config().buckets().quarantine(), "")).isEmpty();
        assertThat(new StepCache(() -> store).lookup("ingest", ingest.cacheKey())).isEmpty();
        RunDocument again = runner.run(plan("stage-2", 300));
        assertThat(again.outcomes().get("ingest").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(again.outcomes().get("ingest").outputs()).isEqualTo(ingest.outputs());
    }

    @Test
    void aSmallDocumentIsDigestCheckedToo() throws Exception {
        RunDocument first = runner.run(plan("doc", 300));
        S3Uri gate = S3Uri.parse(first.outcomes().get("ingest").outputs().get("gate.json").uri());
        flipOneByte(stored(gate));
        assertThatThrownBy(() -> store.getBytes(gate)).isInstanceOf(CorruptObjectException.class)
                .hasMessageContaining(gate.toString());
    }

    @Test
    void onlyTypedBadInputIsQuarantinedAndABugIsAnInternalFailure() throws Exception {
        StepRegistry withBug = new StepRegistry(List.of(new IngestStep(), new BuggyStep()));
        InProcessStepExecutor ex = new InProcessStepExecutor(new StepCache(() -> store), withBug, scratch);
        StepSpec bug = new StepSpec("buggy", 1, JSON.nullNode(),
                Map.of("scan", new StepSpec.InputRef(scanUri, store.digestOf(S3Uri.parse(scanUri)))));
        StepOutcome o = ex.execute(bug);
        assertThat(o.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(o.badInput()).isFalse();
        assertThat(o.error()).contains("index 3 out of bounds");
        assertThat(store.list(store.config().buckets().quarantine(), "")).isEmpty();

        StepSpec badParams = new StepSpec("ingest", new IngestStep().version(),
                JSON.valueToTree(Map.of("minSlices", "many")), bug.inputs());
        StepOutcome p = ex.execute(badParams);
        assertThat(p.badInput()).isTrue();
        assertThat(p.error()).contains("parameters for ingest");
        assertThat(store.list(store.config().buckets().quarantine(), "")).isEmpty();
    }

    /** A step with a programming error: it throws {@link IllegalArgumentException} whatever it is given. */
    static final class BuggyStep extends BaseStep<Void> {
        BuggyStep() {
            super("buggy", 1, Void.class, List.of("scan"), List.of("out.bin"));
        }

        @Override
        public void run(Void params, StepFiles files) {
            throw new IllegalArgumentException("index 3 out of bounds for length 3");
        }
    }
}
