package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * Faults a step's pod meets, on the packaged app ({@code run-step}) and the real S3 server: a scratch disk that fills
 * up, and the pod killed in the middle of uploading its outputs. Neither may leave anything that a later run takes
 * for a result. (Storage failing in the middle of a study: {@code StudyCliTest}.)
 */
class StorageFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The full real CT in the scans bucket and the spec of its ingest step stored for a pod. */
    private record Staged(StoreConfig config, ObjectStore store, StepSpec spec, S3Uri specUri, String key) {}

    private Staged stage(String tag) throws Exception {
        StoreConfig c = S3TestServer.freshConfig(tag);
        ObjectStore store = new ObjectStore(c);
        store.ensureBuckets();
        S3Uri scan = new S3Uri(c.buckets().scans(), "ct.nii.gz");
        String digest = store.putFile(scan, SharedData.ct("chest-ct-01.nii.gz"), "application/gzip");
        StepSpec spec = StepRegistry.standard()
                .canonical(new StepSpec("ingest", new IngestStep().version(),
                        JSON.valueToTree(Map.of("minSlices", 16, "maxP01Hu", -900)),
                        Map.of("scan", new StepSpec.InputRef(scan.toString(), digest))));
        S3Uri specUri = new S3Uri(c.buckets().work(), "specs/ingest.json");
        store.putBytes(specUri, JSON.writeValueAsBytes(spec), "application/json");
        return new Staged(c, store, spec, specUri, spec.cacheKey().hex());
    }

    @Test
    void aFullScratchDiskIsOneClearErrorAndLeavesNoCacheEntryAndNoScratchFiles() throws Exception {
        Staged s = stage("full");
        // 8 MiB: the 38 MB scan cannot even be staged
        CliRun r = CliRun.runOnFullDisk(S3TestServer.env(s.config()), dir, "2g", 8 * 1024, 120, "run-step", "--spec",
                s.specUri().toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("no space left to write").doesNotContain("\tat ")
                .doesNotContain("failed after");
        assertThat(s.store().list(s.config().buckets().work(), "cache/")).isEmpty();
        try (Stream<Path> left = Files.walk(dir.resolve("work-data/scratch"))) {
            assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
        }
        assertThat(s.store().list(s.config().buckets().quarantine(), "")).isEmpty();
    }

    @Test
    void aPodKilledWhileUploadingLeavesNoCacheHitAndTheStepIsComputedAgain() throws Exception {
        Path sidecarFile = null;
        Staged s = null;
        // the kill has to land between the first output and the sidecar: tried up to three times, each on fresh storage
        for (int attempt = 1; attempt <= 3; attempt++) {
            s = stage("upload-" + attempt);
            Path cache = S3TestServer.dataDir().resolve(s.config().buckets().work()).resolve("cache/ingest")
                    .resolve(s.key());
            List<String> cmd = new ArrayList<>(CliRun.command("2g"));
            cmd.addAll(List.of("run-step", "--spec", s.specUri().toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(Files.createDirectories(dir.resolve("pod-" + attempt)).toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("pod-" + attempt + ".log").toFile());
            pb.environment().putAll(S3TestServer.env(s.config()));
            Process pod = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (pod.isAlive() && System.nanoTime() < deadline && !Files.exists(cache.resolve("volume.mha"))) {
                Thread.sleep(2);
            }
            pod.destroyForcibly().waitFor();
            sidecarFile = cache.resolve("_step.json");
            if (Files.exists(cache.resolve("volume.mha")) && !Files.exists(sidecarFile)) {
                break;
            }
        }
        assertThat(sidecarFile).as("killed after the first output and before the sidecar").doesNotExist();
        Staged killed = s;
        assertThat(new StepCache(killed::store).lookup(killed.spec())).isEmpty();

        InProcessStepExecutor executor = new InProcessStepExecutor(new StepCache(killed::store),
                StepRegistry.standard(), dir.resolve("scratch"));
        StepOutcome again = executor.execute(killed.spec());
        assertThat(again.status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(executor.execute(killed.spec()).status()).isEqualTo(StepOutcome.Status.CacheHit);
        assertThat(sidecarFile).exists();
    }
}
