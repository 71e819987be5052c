package org.corads.tests.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.steps.io.FileTrees;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.testkit.CliRun;
import org.corads.testkit.DicomSliceWriter;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.ServeProcess;
import org.corads.testkit.SharedData;
import org.corads.testkit.SyntheticSeries;
import org.corads.testkit.TinyStudies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading on arrival through the packaged app against the real S3 server: a tiny study with an in-study lesion
 * U-Net is trained once and its ensemble deployed; {@code serve} grades what bucket notifications announce, and a
 * second server finds scans by polling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token-" + System.nanoTime();
    // what grading needs of a study at the least cost: 12 scans (three in the test split) on a 3 mm grid (an eighth
    // of the voxels of 1.5 mm to resample, segment and crop), a one-level U-Net of base width 2 (a third of the
    // segmentation time of two levels of width 4) and 64-voxel windows (a quarter fewer U-Net calls than 32)
    static final String STUDY = TinyStudies.withLesionModel("tiny-unet", "  - {name: 3d-full, dimensionality: 3d}\n")
            .replace("scans: 20, seed: 7", "scans: 12, seed: 1").replace("size: 30}", "size: 30, spacingMm: 3}")
            .replace("levels: 2, baseWidth: 4", "levels: 1, baseWidth: 2").replace("window: 32", "window: 64");

    @TempDir
    Path dir;
    private Path shared;
    private StoreConfig c;
    private ObjectStore store;
    private CliRun study;
    private String ensemble;
    private ServeProcess server;

    @BeforeAll
    void trainAStudyAndServeItsEnsemble() throws Exception {
        shared = Files.createTempDirectory("grading");
        c = S3TestServer.freshConfig("grading");
        store = new ObjectStore(c);
        Path yaml = Files.writeString(shared.resolve("study.yaml"), STUDY);
        study = CliRun.run(S3TestServer.env(c), shared, "3g", 900, "study", "run", yaml.toString());
        assertThat(study.exitCode()).as(study.stderr()).isZero();
        ensemble = "s3://" + c.buckets().models() + "/tiny-unet/3d-full/";
        server = ServeProcess.start(env(Map.of("CORADS_GRADING_POLL_SECONDS", "0")), shared.resolve("webhook"), "3g");
        awaitReady(server);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (shared != null) {
            FileTrees.delete(shared);
        }
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> e = new HashMap<>(S3TestServer.env(c));
        e.put("CORADS_GRADING_MODEL", ensemble);
        e.put("CORADS_EVENTS_TOKEN", TOKEN);
        e.put("CORADS_GRADING_SERIES_QUIET_SECONDS", "2");
        e.put("CORADS_GRADING_SWEEP_SECONDS", "1");
        e.putAll(extra);
        return e;
    }

    @Test
    void theStudyTrainsAUNetSegmentsEveryScanAndPublishesADeployableEnsemble() throws Exception {
        JsonNode run = JSON.readTree(store.getBytes(new S3Uri(c.buckets().work(),
                "runs/" + JSON.readTree(study.stdout()).get("runId").asText() + "/run.json")));
        Set<String> computed = new TreeSet<>();
        run.get("outcomes").fields().forEachRemaining(e -> {
            if (e.getValue().get("status").asText().equals("Computed")) {
                computed.add(e.getKey());
            }
        });
        assertThat(computed).contains("lesion-model", "scan/syn-00000/lesion-segmentation", "compare");
        assertThat(computed.stream().filter(id -> id.endsWith("/lesion-segmentation"))).hasSize(12);
        JsonNode channelInput = run.at("/plan/steps").findValues("inputs").stream()
                .filter(n -> n.has("lesions") && n.get("lesions").has("from")).findFirst().orElseThrow();
        assertThat(channelInput.get("lesions").get("output").asText()).isEqualTo("lesion-labels.mha");
        JsonNode e = JSON.readTree(store.getBytes(S3Uri.parse(ensemble + "ensemble.json")));
        assertThat(e.get("deployable").asBoolean()).isTrue();
        assertThat(e.get("members")).hasSize(2);
        assertThat(e.get("lesionModel").get("params").asText()).isEqualTo("../lesion-unet/model.params");

        CliRun models = CliRun.run(S3TestServer.env(c), dir, "2g", 120, "models");
        assertThat(models.exitCode()).as(models.stderr()).isZero();
        JsonNode list = JSON.readTree(models.stdout());
        assertThat(list.findValuesAsText("kind")).contains("ensemble", "lesion-model");
        assertThat(JSON.readTree(server.get("/models").body())).isEqualTo(list);
    }

    @Test
    void rerunningTheLesionModelReproducesItsBytesAndRecomputesNothingElse() throws Exception {
        Path yaml = shared.resolve("study.yaml");
        CliRun rerun = CliRun.run(S3TestServer.env(c), shared, "3g", 900, "study", "rerun", yaml.toString(), "--from",
                "lesion-train");
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        JsonNode r = JSON.readTree(rerun.stdout());
        assertThat(r.get("modelsReproduced").get("lesion-model").asBoolean()).as(rerun.stdout()).isTrue();
        // the same model bytes give the same cache keys downstream: only the lesion model was computed again
        assertThat(r.get("computed").asInt()).as(rerun.stdout()).isEqualTo(1);
        CliRun withArm = CliRun.run(S3TestServer.env(c), shared, "2g", 120, "study", "rerun", yaml.toString(), "--from",
                "lesion-train", "--arm", "3d-full");
        assertThat(withArm.exitCode()).isEqualTo(2);
        assertThat(withArm.stderrLines()).hasSize(1);
        assertThat(withArm.stderr()).contains("which no arm owns; leave --arm out");
    }

    @Test
    void chestCt01AnnouncedByMinioIsGradedAsTheGradeCommandGradesIt() throws Exception {
        Path ct = SharedData.ct("chest-ct-01.nii.gz");
        store.putFile(new S3Uri(c.buckets().scans(), "chest-ct-01.nii.gz"), ct, "application/octet-stream");
        var r = server.postJson("/events/s3", minio(List.of("chest-ct-01.nii.gz")), TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

        JsonNode result = awaitResult("chest-ct-01.nii.gz", Duration.ofSeconds(240));
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("graded");
        assertThat(result.get("grade").asInt()).isBetween(1, 5);
        assertThat(result.get("members")).hasSize(2);
        assertThat(result.get("lungVolumeMl").asDouble()).isBetween(4000.0, 7000.0);
        assertThat(result.get("sha256").asText())
                .isEqualTo(store.digestOf(new S3Uri(c.buckets().scans(), "chest-ct-01.nii.gz")));
        assertThat(result.get("timingsMs").get("lesion-segmentation").asLong()).isPositive();
        assertThat(store.stat(new S3Uri(c.buckets().results(), "grades/chest-ct-01.nii.gz.png"))).isPresent();

        CliRun cli = CliRun.run(S3TestServer.env(c), dir, "3g", 300, "grade", ct.toString(), "--ensemble", ensemble);
        assertThat(cli.exitCode()).as(cli.stderr()).isZero();
        JsonNode direct = JSON.readTree(cli.stdout());
        assertThat(direct.get("grade").asInt()).isEqualTo(result.get("grade").asInt());
        assertThat(direct.get("score").asDouble()).isEqualTo(result.get("score").asDouble());
        assertThat(direct.get("members")).isEqualTo(result.get("members"));
    }

    @Test
    void anAwsBatchSentThreeTimesGivesOneResultPerScan() throws Exception {
        Path small = SharedData.ct("chest-ct-01-small.nii.gz");
        List<String> keys = List.of("aws/first scan.nii.gz", "aws/second.nii.gz");
        for (String k : keys) {
            store.putFile(new S3Uri(c.buckets().scans(), k), small, "application/octet-stream");
        }
        String body = aws(keys);
        for (int i = 0; i < 3; i++) {
            var r = server.postJson("/events/s3", body, TOKEN);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isEqualTo(2);
        }
        List<String> gradedAt = new ArrayList<>();
        for (String k : keys) {
            JsonNode result = awaitResult(k, Duration.ofSeconds(180));
            assertThat(result.get("status").asText()).as(result.toString()).isIn("graded", "rejected");
            gradedAt.add(result.get("gradedAt").asText());
        }
        Thread.sleep(3000);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(readResult(keys.get(i)).get("gradedAt").asText()).isEqualTo(gradedAt.get(i));
        }
        assertThat(metric("corads_grading_duplicates_total")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void notificationsWithoutTokenMalformedOrForMissingObjectsAreAnsweredAndLeaveNoResult() throws Exception {
        assertThat(server.postJson("/events/s3", minio(List.of("x.nii.gz")), null).statusCode()).isEqualTo(401);
        assertThat(server.postJson("/events/s3", minio(List.of("x.nii.gz")), "wrong").statusCode()).isEqualTo(401);
        var bad = server.postJson("/events/s3", "{\"Records\": [{\"eventName\"", TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("not JSON");
        var noRecords = server.postJson("/events/s3", "{\"Records\": [{\"eventName\": \"s3:ObjectCreated:Put\"}]}",
                TOKEN);
        assertThat(noRecords.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noRecords.body()).get("error").asText()).contains("Records[0] lacks s3.bucket.name");

        var gone = server.postJson("/events/s3", minio(List.of("never/written.nii.gz")), TOKEN);
        assertThat(gone.statusCode()).isEqualTo(202);
        Thread.sleep(3000);
        assertThat(store.stat(new S3Uri(c.buckets().results(), "grades/never/written.nii.gz.json"))).isEmpty();
        assertThat(server.alive()).isTrue();
        assertThat(server.log()).contains("never/written.nii.gz ignored: the object no longer exists");
        assertThat(server.get("/q/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aScanWithoutAirOrATruncatedFileIsRejectedAndLeftUntouched() throws Exception {
        Path noAir = dir.resolve("no-air.mha");
        short[] v = new short[64 * 64 * 20];
        Arrays.fill(v, (short) 40);
        VolumeIO.write(Volume.ofShorts(Geometry.of(64, 64, 20, 1, 1, 2), v), noAir);
        Path small = SharedData.ct("chest-ct-01-small.nii.gz");
        byte[] all = Files.readAllBytes(small);
        Path truncated = Files.write(dir.resolve("truncated.nii.gz"), Arrays.copyOf(all, all.length / 2));
        Map<String, Path> scans = Map.of("bad/no-air.mha", noAir, "bad/truncated.nii.gz", truncated);
        Map<String, String> digests = new HashMap<>();
        for (var e : scans.entrySet()) {
            digests.put(e.getKey(), store.putFile(new S3Uri(c.buckets().scans(), e.getKey()), e.getValue(),
                    "application/octet-stream"));
        }
        double before = metric("corads_grading_results_total{status=\"rejected\"}");
        assertThat(server.postJson("/events/s3", minio(List.copyOf(scans.keySet())), TOKEN).statusCode())
                .isEqualTo(202);
        for (String k : scans.keySet()) {
            JsonNode result = awaitResult(k, Duration.ofSeconds(120));
            assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("rejected");
            assertThat(result.get("reason").asText()).startsWith("ingest: ");
            assertThat(store.digestOf(new S3Uri(c.buckets().scans(), k))).isEqualTo(digests.get(k));
        }
        assertThat(readResult("bad/no-air.mha").get("reason").asText()).contains("input gate");
        assertThat(metric("corads_grading_results_total{status=\"rejected\"}")).isEqualTo(before + 2);
    }

    @Test
    void aDicomSeriesUploadedSliceBySliceGetsExactlyOneResultAfterItGoesQuiet() throws Exception {
        Volume small = VolumeIO.read(SharedData.ct("chest-ct-01-small.nii.gz")).volume();
        List<Path> slices = SyntheticSeries.write(small, dir.resolve("series"), DicomSliceWriter.EXPLICIT,
                "1.2.826.0.1.3680043.2.1125.7", 3, -1);
        for (Path s : slices) {
            String key = "series/patient-7/" + s.getFileName();
            store.putFile(new S3Uri(c.buckets().scans(), key), s, "application/dicom");
            assertThat(server.postJson("/events/s3", minio(List.of(key)), TOKEN).statusCode()).isEqualTo(202);
        }
        JsonNode result = awaitResult("series/patient-7", Duration.ofSeconds(180));
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("graded");
        assertThat(result.get("kind").asText()).isEqualTo("SERIES");
        Thread.sleep(4000);
        assertThat(store.list(c.buckets().results(), "grades/series/")).extracting(S3Uri::key)
                .containsExactlyInAnyOrder("grades/series/patient-7.json", "grades/series/patient-7.png");
    }

    @Test
    void pollingFindsAScanThatNoNotificationAnnounced() throws Exception {
        store.putFile(new S3Uri(c.buckets().scans(), "polled/quiet.nii.gz"), SharedData.ct("chest-ct-01-small.nii.gz"),
                "application/octet-stream");
        try (ServeProcess poller = ServeProcess.start(env(Map.of("CORADS_GRADING_POLL_SECONDS", "1")),
                shared.resolve("poller"), "2g")) {
            JsonNode result = awaitResult("polled/quiet.nii.gz", Duration.ofSeconds(180));
            assertThat(result.get("status").asText()).as(result.toString()).isIn("graded", "rejected");
            assertThat(result.get("model").get("location").asText()).isEqualTo(ensemble);
        }
    }

    @Test
    void aModelThatCannotBeLoadedLeavesTheServerUpButNotReadyWithTheReason() throws Exception {
        Map<String, String> e = env(Map.of("CORADS_GRADING_POLL_SECONDS", "0"));
        e.put("CORADS_GRADING_MODEL", "s3://" + c.buckets().models() + "/no-such-study/arm/");
        try (ServeProcess broken = ServeProcess.start(e, shared.resolve("broken"), "2g")) {
            var ready = broken.get("/q/health/ready");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ready.body().contains("cannot be used") && System.nanoTime() < deadline) {
                Thread.sleep(250);
                ready = broken.get("/q/health/ready");
            }
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("no ensemble.json there");
            assertThat(broken.get("/q/health/live").statusCode()).isEqualTo(200);
            assertThat(broken.alive()).isTrue();
        }
    }

    private void awaitReady(ServeProcess s) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (s.get("/q/health/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready: " + s.get("/q/health/ready").body() + "\n" + s.log());
    }

    private JsonNode awaitResult(String key, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        S3Uri uri = new S3Uri(c.buckets().results(), "grades/" + key + ".json");
        while (System.nanoTime() < deadline) {
            if (store.stat(uri).isPresent()) {
                return JSON.readTree(store.getBytes(uri));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no result for " + key + " within " + timeout + "\n" + server.log());
    }

    private JsonNode readResult(String key) throws Exception {
        return JSON.readTree(store.getBytes(new S3Uri(c.buckets().results(), "grades/" + key + ".json")));
    }

    private double metric(String name) throws Exception {
        for (String line : server.get("/q/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    /** A MinIO webhook body: one record per key, keys query-escaped as MinIO does ('/' → %2F, ' ' → '+'). */
    private String minio(List<String> keys) throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String k : keys) {
            records.add(
                    Map.of("eventVersion", "2.0", "eventSource", "minio:s3", "eventName", "s3:ObjectCreated:Put", "s3",
                            Map.of("s3SchemaVersion", "1.0", "bucket", Map.of("name", c.buckets().scans()), "object",
                                    Map.of("key", URLEncoder.encode(k, StandardCharsets.UTF_8), "size", 1, "eTag",
                                            "0123456789abcdef0123456789abcdef"))));
        }
        return JSON.writeValueAsString(Map.of("EventName", "s3:ObjectCreated:Put", "Key",
                c.buckets().scans() + "/" + keys.get(0), "Records", records));
    }

    /** An AWS S3 body: keys form-encoded with '/' kept. */
    private String aws(List<String> keys) throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String k : keys) {
            records.add(Map.of("eventVersion", "2.1", "eventSource", "aws:s3", "awsRegion", "us-east-1", "eventName",
                    "ObjectCreated:Put", "s3",
                    Map.of("s3SchemaVersion", "1.0", "bucket",
                            Map.of("name", c.buckets().scans(), "arn", "arn:aws:s3:::" + c.buckets().scans()), "object",
                            Map.of("key", URLEncoder.encode(k, StandardCharsets.UTF_8).replace("%2F", "/"), "size", 1,
                                    "eTag", "d41d8cd98f00b204e9800998ecf8427e", "sequencer", "0A1B"))));
        }
        return JSON.writeValueAsString(Map.of("Records", records));
    }
}
