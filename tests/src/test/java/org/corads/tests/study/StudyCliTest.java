package org.corads.tests.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.storage.EmbeddedS3Server;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.pipeline.study.StudyDefinition;
import org.corads.pipeline.study.StudyPlanner;
import org.corads.testkit.CliRun;
import org.corads.testkit.KubeletStandIn;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny study (12 synthetic scans, five arms, 1 seed, a few iterations) through the packaged app. One shared run
 * is the fixture of named scenarios (plan, first run, all-cache rerun, a one-arm change, a reproducibility rerun);
 * a run killed mid-study and resumed has storage of its own. A study with an in-study lesion U-Net is the fixture
 * of {@code GradingServiceTest}.
 */
class StudyCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TINY = """
            name: tiny
            dataset:
              synthetic: {scans: 12, seed: 1}
            preprocessing: {depth: 8, size: 30, spacingMm: 3}
            training: {width3d: 0.0625, width2d: 0.0625, iterations: 20, pretrainIterations: 6, validateEvery: 5,
                       learningRate: 0.001}
            seeds: 1
            evaluation: {iterations: 200}
            """;

    @TempDir
    Path dir;

    /** The shared fixture: one storage, the tiny study planned and run once before the scenarios below. */
    @TempDir
    static Path shared;
    private static StoreConfig c;
    private static Path study;
    private static ObjectStore store;
    private static CliRun plan0;
    private static CliRun first;

    @BeforeAll
    static void planAndRunTheTinyStudyOnce() throws Exception {
        c = S3TestServer.freshConfig("study");
        study = Files.writeString(shared.resolve("tiny.yaml"), TINY);
        store = new ObjectStore(c);
        plan0 = CliRun.run(S3TestServer.env(c), shared, "3g", 900, "study", "plan", study.toString());
        first = CliRun.run(S3TestServer.env(c), shared, "3g", 900, "study", "run", study.toString(), "--out",
                shared.resolve("report").toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
    }

    /** How many steps the planner plans for a study file: what every count below is checked against. */
    static int planned(Path file) throws Exception {
        StudyDefinition s = StudyDefinition.read(file);
        List<StudyPlanner.Scan> scans = new ArrayList<>();
        for (int i = 0; i < s.dataset().synthetic().scans(); i++) {
            scans.add(new StudyPlanner.Scan("s" + i, "s3://scans/s" + i + ".mha", "s3://scans/m" + i + ".mha", null));
        }
        return StudyPlanner.plan(s, "s3://scans/manifest.csv", scans, null).steps().size();
    }

    @Test
    void beforeTheFirstRunThePlanSaysEveryPlannedStepIsToRun() throws Exception {
        assertThat(plan0.exitCode()).as(plan0.stderr()).isZero();
        assertThat(plan0.stdout()).contains("not generated yet").contains("toRun: " + planned(study));
    }

    @Test
    void theFirstRunComputesEveryStepAndPublishesReportAndModels() throws Exception {
        // the cohort it wrote first, scan by scan, says what it is (the API shows the same lines as "activity")
        assertThat(first.stderr()).contains("synthetic cohort: [1/12] syn-00000 grade ");
        JsonNode s1 = JSON.readTree(first.stdout());
        assertThat(s1.get("status").asText()).isEqualTo("succeeded");
        assertThat(s1.get("computed").asInt()).isEqualTo(planned(study));
        JsonNode metrics = JSON.readTree(shared.resolve("report/metrics.json").toFile());
        assertThat(names(metrics.get("models"))).containsExactlyInAnyOrder("3d-full", "2d-full", "3d-no-pretraining",
                "3d-no-lesion-map", "3d-categorical");
        assertThat(metrics.get("comparisons")).hasSize(4);
        // the report says what the numbers rest on: synthetic data, a small test set, class counts, operating points
        assertThat(metrics.get("notices").toString()).contains("Synthetic data").contains("Small test set");
        assertThat(metrics.get("counts").get("positive").asInt() + metrics.get("counts").get("negative").asInt())
                .isPositive();
        assertThat(metrics.at("/models/3d-full/operating_points")).hasSize(3);
        assertThat(metrics.at("/provenance/study").asText()).isEqualTo("tiny");
        assertThat(metrics.at("/provenance/inputs")).hasSize(5);
        String html = Files.readString(shared.resolve("report/report.html"));
        assertThat(html).contains("class=\"notice\">Synthetic data").contains("Operating points").contains("Provenance")
                .contains("Reference classes");
        assertThat(store.stat(new S3Uri(c.buckets().models(), "tiny/3d-full/seed-1/model.json"))).isPresent();
        assertThat(store.stat(new S3Uri(c.buckets().results(), "studies/tiny/study.json"))).isPresent();
    }

    @Test
    void armsTrainedOnGroundTruthLesionMapsArePublishedAsNotDeployableAndGradingRefusesThem() throws Exception {
        JsonNode e = JSON.readTree(store.getBytes(new S3Uri(c.buckets().models(), "tiny/3d-full/ensemble.json")));
        assertThat(e.get("deployable").asBoolean()).isFalse();
        assertThat(e.get("notDeployableBecause").asText()).contains("ground-truth lesion maps");
        JsonNode noLesion = JSON
                .readTree(store.getBytes(new S3Uri(c.buckets().models(), "tiny/3d-no-lesion-map/ensemble.json")));
        assertThat(noLesion.get("deployable").asBoolean()).isTrue();
        CliRun grade = brief(c, "grade", SharedData.ct("chest-ct-01-small.nii.gz").toString(), "--ensemble",
                "s3://" + c.buckets().models() + "/tiny/3d-full/");
        assertThat(grade.exitCode()).isEqualTo(2);
        assertThat(grade.stderrLines()).hasSize(1);
        assertThat(grade.stderr()).contains("cannot grade new scans").contains("ground-truth");
    }

    @Test
    void aSecondRunComputesNothing() throws Exception {
        CliRun second = cli(c, "study", "run", study.toString());
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        JsonNode run2 = runDocument(store, c, JSON.readTree(second.stdout()).get("runId").asText());
        assertThat(statuses(run2)).containsOnly("CacheHit").hasSize(planned(study));
        CliRun plan1 = brief(c, "study", "plan", study.toString());
        assertThat(plan1.stdout()).contains("cached: " + planned(study)).contains("toRun: 0");
    }

    @Test
    void aSecondSeedForOneArmComputesOnlyThatMemberItsEnsembleAndTheComparison() throws Exception {
        Path changed = Files.writeString(dir.resolve("changed.yaml"), TINY + """
                arms:
                  - {name: 3d-full, dimensionality: 3d}
                  - {name: 2d-full, dimensionality: 2d}
                  - {name: 3d-no-pretraining, dimensionality: 3d, pretraining: false}
                  - {name: 3d-no-lesion-map, dimensionality: 3d, lesionChannel: false, seeds: 2}
                  - {name: 3d-categorical, dimensionality: 3d, head: categorical}
                """);
        CliRun third = CliRun.run(S3TestServer.env(c), dir, "3g", 900, "study", "run", changed.toString(), "--out",
                dir.resolve("report").toString());
        assertThat(third.exitCode()).as(third.stderr()).isZero();
        JsonNode run3 = runDocument(store, c, JSON.readTree(third.stdout()).get("runId").asText());
        assertThat(computed(run3)).containsExactlyInAnyOrder("arm/3d-no-lesion-map/seed-2/train",
                "arm/3d-no-lesion-map/seed-2/grade", "arm/3d-no-lesion-map/ensemble", "compare");
        // the arm with two seeds shows how far its members lie apart (from the ensemble's members.csv)
        JsonNode spread = JSON.readTree(dir.resolve("report/metrics.json").toFile()).get("spread");
        assertThat(spread.fieldNames()).toIterable().containsExactly("3d-no-lesion-map");
        assertThat(spread.at("/3d-no-lesion-map/members")).hasSize(2);
        assertThat(spread.at("/3d-no-lesion-map/auc")).hasSize(3);
        assertThat(Files.readString(dir.resolve("report/table.md")))
                .contains("## Ensemble members (one model per seed: min / median / max)")
                .contains("| 3d-no-lesion-map | 2 | ");
    }

    @Test
    void rerunningOneArmFromTrainingReproducesItsModelBytes() throws Exception {
        CliRun rerun = cli(c, "study", "rerun", study.toString(), "--arm", "3d-full");
        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        JsonNode r4 = JSON.readTree(rerun.stdout());
        assertThat(r4.get("modelsReproduced").get("arm/3d-full/seed-1/train").asBoolean()).isTrue();
        JsonNode run4 = runDocument(store, c, r4.get("runId").asText());
        // the models reproduce, so the grades do too and the comparison stays cached
        assertThat(computed(run4)).containsExactlyInAnyOrder("arm/3d-full/seed-1/train", "arm/3d-full/seed-1/grade",
                "arm/3d-full/ensemble");
    }

    @Test
    void aRerunFromAStageThatDoesNotExistIsRefused() throws Exception {
        CliRun bad = brief(c, "study", "rerun", study.toString(), "--arm", "3d-full", "--from", "lunch");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderrLines()).hasSize(1);
        assertThat(bad.stderr()).contains("--from lunch: expected one of lesion-train, train, grade, ensemble");
        CliRun noArm = brief(c, "study", "rerun", study.toString());
        assertThat(noArm.exitCode()).isEqualTo(2);
        assertThat(noArm.stderrLines()).hasSize(1);
        assertThat(noArm.stderr()).contains("--arm is needed with --from train; arms: [");
        // this study feeds the ground-truth masks: there is no lesion model to recompute
        CliRun noModel = brief(c, "study", "rerun", study.toString(), "--from", "lesion-train");
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.stderrLines()).hasSize(1);
        assertThat(noModel.stderr()).contains("this study trains no lesion model (dataset.lesionMaps is ground-truth");
    }

    @Test
    void trainingStepsRunAsKubernetesJobsGiveByteIdenticalModelsAndReport() throws Exception {
        JsonNode run1 = runDocument(store, c, JSON.readTree(first.stdout()).get("runId").asText());
        StepCache cache = new StepCache(() -> store);
        Map<String, String> models = new TreeMap<>();
        // the 3D pre-training and one arm's training are dropped and recomputed as Jobs; reproduced, they leave
        // every later step a cache hit
        Set<String> dropped = Set.of("pretrain/3d", "arm/3d-full/seed-1/train");
        run1.get("outcomes").fields().forEachRemaining(e -> {
            if (dropped.contains(e.getKey())) {
                models.put(e.getKey(), e.getValue().at("/outputs/model.params/sha256").asText());
                cache.drop(e.getValue().get("step").asText(), e.getValue().get("cacheKey").asText());
            }
        });
        assertThat(models).hasSize(2);
        // the study chooses the executor itself; the deployment's configuration stays in-process
        Path asJobs = Files.writeString(dir.resolve("tiny-jobs.yaml"),
                TINY + "executor: {kind: kubernetes, remoteSteps: [pretrain, train]}\n");
        CliRun plan = kubernetes(c, "study", "plan", asJobs.toString());
        assertThat(plan.stdout()).contains("executor: kubernetes (Jobs: pretrain, train; the other steps in process)");
        KubernetesRun k8sRun = kubernetes(c, asJobs, dir.resolve("k8s-report"));
        JsonNode run2 = runDocument(store, c, JSON.readTree(k8sRun.cli().stdout()).get("runId").asText());
        assertThat(computed(run2)).containsExactlyInAnyOrderElementsOf(models.keySet());
        assertThat(run2.at("/plan/executor/kind").asText()).isEqualTo("kubernetes");
        for (String id : models.keySet()) {
            JsonNode o = run2.get("outcomes").get(id);
            assertThat(o.get("job").asText()).as(id).startsWith("corads-");
            assertThat(o.get("node").asText()).as(id).isEqualTo(KubeletStandIn.NODE);
            assertThat(o.at("/outputs/model.params/sha256").asText()).as(id).isEqualTo(models.get(id));
        }
        assertThat(k8sRun.jobs()).hasSize(models.size());
        assertThat(Files.readAllBytes(dir.resolve("k8s-report/metrics.json")))
                .isEqualTo(Files.readAllBytes(shared.resolve("report/metrics.json")));
    }

    /**
     * Every step of the tiny study as its own Job, on storage of its own: each step's outputs and the report are
     * byte-identical to the in-process run. About four minutes here (one child JVM per step), so only with
     * {@code -Dcorads.quality=true}; the scenario above runs the training steps as Jobs in every build.
     */
    @Test
    @EnabledIfSystemProperty(named = "corads.quality", matches = "true")
    void theWholeStudyAsKubernetesJobsEqualsTheInProcessRunStepByStep() throws Exception {
        StoreConfig k = S3TestServer.freshConfig("all-jobs");
        Path asJobs = Files.writeString(dir.resolve("tiny-all-jobs.yaml"),
                TINY + "concurrency: 4\nexecutor: {kind: kubernetes}\n");
        KubernetesRun r = kubernetes(k, asJobs, dir.resolve("all-jobs-report"));
        JsonNode inProcess = runDocument(store, c, JSON.readTree(first.stdout()).get("runId").asText());
        JsonNode asJobRun = runDocument(new ObjectStore(k), k, JSON.readTree(r.cli().stdout()).get("runId").asText());
        assertThat(statuses(asJobRun)).containsOnly("Computed").hasSize(planned(study));
        assertThat(r.jobs()).hasSize(planned(study));
        inProcess.get("outcomes").fields().forEachRemaining(e -> {
            JsonNode o = asJobRun.get("outcomes").get(e.getKey());
            assertThat(o.get("job").asText()).as(e.getKey()).startsWith("corads-");
            assertThat(o.get("node").asText()).as(e.getKey()).isEqualTo(KubeletStandIn.NODE);
            if (!e.getKey().equals("dataset")) {
                // the dataset step reads the manifest, which names this storage's scans bucket: its key differs,
                // its outputs (and so every later key) do not
                assertThat(o.get("cacheKey").asText()).as(e.getKey()).isEqualTo(e.getValue().get("cacheKey").asText());
            }
            e.getValue().get("outputs").fields()
                    .forEachRemaining(out -> assertThat(o.at("/outputs/" + out.getKey() + "/sha256").asText())
                            .as(e.getKey() + " " + out.getKey()).isEqualTo(out.getValue().get("sha256").asText()));
        });
        for (String f : List.of("metrics.json", "predictions.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("all-jobs-report").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(shared.resolve("report").resolve(f)));
        }
    }

    private record KubernetesRun(CliRun cli, List<String> jobs) {}

    /** {@code study run} against the fabric8 mock API server, the kubelet stand-in running the Jobs. */
    private KubernetesRun kubernetes(StoreConfig config, Path studyFile, Path out) throws Exception {
        KubernetesRun[] r = new KubernetesRun[1];
        withCluster(config, env -> {
            CliRun run = CliRun.run(env.env(), dir, "3g", 900, "study", "run", studyFile.toString(), "--out",
                    out.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            r[0] = new KubernetesRun(run, env.kubelet().ran());
        });
        return r[0];
    }

    private CliRun kubernetes(StoreConfig config, String... args) throws Exception {
        CliRun[] r = new CliRun[1];
        withCluster(config, env -> r[0] = CliRun.run(env.env(), dir, "3g", 900, args));
        assertThat(r[0].exitCode()).as(r[0].stderr()).isZero();
        return r[0];
    }

    private record Cluster(Map<String, String> env, KubeletStandIn kubelet) {}

    private interface InCluster {
        void run(Cluster cluster) throws Exception;
    }

    private void withCluster(StoreConfig config, InCluster body) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient k8s = server.createClient();
                KubeletStandIn kubelet = new KubeletStandIn(k8s, "corads", S3TestServer.env(config),
                        dir.resolve("pods"))) {
            Map<String, String> env = new HashMap<>(S3TestServer.env(config));
            env.put("CORADS_KUBERNETES_NAMESPACE", "corads");
            env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", k8s.getConfiguration().getMasterUrl());
            env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
            env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "corads");
            body.run(new Cluster(env, kubelet));
        } finally {
            server.destroy();
        }
    }

    /**
     * Storage fails under a running study, on a server of its own holding a copy of the fixture's buckets with the
     * training stages' entries dropped (so that the run has models to train, without preprocessing every scan
     * again): killed and restarted within the retries, the run goes on; killed for longer than the retries while a
     * model trains, the run stops with one line. Restarted and run again, nothing that was stored is computed again,
     * the training resumes from its kept checkpoint, and the study ends with the fixture's numbers, byte for byte.
     */
    @Test
    void storageThatFailsUnderARunningStudyLosesNothingAndTheResumedStudyEndsWithTheSameNumbers() throws Exception {
        Path wb = Files.createDirectories(dir.resolve("b"));
        Path data = Files.createDirectories(dir.resolve("s3"));
        for (String bucket : List.of(c.buckets().scans(), c.buckets().work(), c.buckets().models(),
                c.buckets().results(), c.buckets().quarantine())) {
            Process cp = new ProcessBuilder("cp", "-a", S3TestServer.dataDir().resolve(bucket).toString(),
                    data.toString()).inheritIO().start();
            assertThat(cp.waitFor()).isZero();
        }
        for (String step : List.of("pretrain", "train", "grade", "ensemble", "compare-arms")) {
            try (Stream<Path> f = Files.walk(data.resolve(c.buckets().work()).resolve("cache").resolve(step))) {
                for (Path sidecar : f.filter(x -> x.getFileName().toString().equals("_step.json")).toList()) {
                    Files.delete(sidecar);
                }
            }
        }
        try (EmbeddedS3Server s3 = S3TestServer.dedicated(data)) {
            StoreConfig b = S3TestServer.config(s3, "x").withBuckets(c.buckets());
            Map<String, String> env = new HashMap<>(S3TestServer.env(b));
            env.put("CORADS_S3_MAX_ATTEMPTS", "7"); // 0.2 s doubling: 12.6 s of retries before a request fails
            Path err = wb.resolve("first.err");
            List<String> cmd = new ArrayList<>(CliRun.command("3g"));
            cmd.addAll(List.of("study", "run", study.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(wb.toFile()).redirectError(err.toFile())
                    .redirectOutput(wb.resolve("first.out").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            awaitLine(p, err, ": Computed", 300);
            s3.kill();
            Thread.sleep(1000);
            s3.restart(Duration.ofSeconds(60));
            int computedBefore = count(err, ": Computed");
            awaitLine(p, err, "seed 1: iteration 10/20", 300);
            assertThat(count(err, ": Computed")).as("the run went on after the restart").isGreaterThan(computedBefore);
            s3.kill();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the run stops by itself").isTrue();
            String first = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(first).isEqualTo(1);
            assertThat(first.lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                    .contains("stopped answering").contains("Run it again when storage is back");
            assertThat(first).doesNotContain("compare: Computed").doesNotContain("\tat org.corads");
            Set<String> stored = storedEntries(dir.resolve("s3").resolve(b.buckets().work()));
            assertThat(stored).isNotEmpty();

            s3.restart(Duration.ofSeconds(60));
            CliRun resumed = CliRun.run(env, wb, "3g", 900, "study", "run", study.toString(), "--out", "report");
            assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
            assertThat(resumed.stderr()).contains("resumed from checkpoint");
            String runId = JSON.readTree(resumed.stdout()).get("runId").asText();
            JsonNode run = JSON.readTree(
                    new ObjectStore(b).getBytes(new S3Uri(b.buckets().work(), "runs/" + runId + "/run.json")));
            run.get("outcomes").forEach(o -> {
                if (o.get("status").asText().equals("Computed")) {
                    assertThat(stored).as("computed again though stored")
                            .doesNotContain(o.get("step").asText() + "/" + o.get("cacheKey").asText());
                }
            });
            assertThat(Files.readAllBytes(wb.resolve("report/metrics.json")))
                    .isEqualTo(Files.readAllBytes(shared.resolve("report/metrics.json")));
            assertThat(Files.readAllBytes(wb.resolve("report/predictions.csv")))
                    .isEqualTo(Files.readAllBytes(shared.resolve("report/predictions.csv")));
        }
    }

    private static void awaitLine(Process p, Path err, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive()
                && !Files.readString(err, StandardCharsets.UTF_8).contains(text)) {
            Thread.sleep(50);
        }
        assertThat(p.isAlive()).as("still running when '" + text + "' appeared: " + Files.readString(err)).isTrue();
    }

    private static int count(Path err, String text) throws Exception {
        return (int) Files.readString(err, StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
    }

    /** {@code step/key} of every complete cache entry (sidecar written) in a work bucket on the server's disk. */
    private static Set<String> storedEntries(Path workBucket) throws Exception {
        try (Stream<Path> files = Files.walk(workBucket.resolve("cache"))) {
            return files.filter(f -> f.getFileName().toString().equals("_step.json"))
                    .map(f -> f.getParent().getParent().getFileName() + "/" + f.getParent().getFileName())
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void anInvalidStudyFileExitsTwoWithOneLineNamingTheField() throws Exception {
        // every kind of mistake is covered by StudyDefinitionTest; this checks the command's exit code and output
        Path f = Files.writeString(dir.resolve("bad.yaml"),
                "dataset: {synthetic: {scans: 10}}\narms:\n  - {name: a, dimensionality: 4d}\n");
        CliRun r = brief(c, "study", "plan", f.toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderrLines()).hasSize(1);
        assertThat(r.stderr()).contains("field 'arms[0].dimensionality' must be one of 3d, 2d, got '4d'");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aStudyWhoseCohortLeavesTheTestSplitEmptyIsRefusedBeforeAnythingIsGenerated() throws Exception {
        StoreConfig own = S3TestServer.freshConfig("unfit");
        Path f = Files.writeString(dir.resolve("six.yaml"), TINY.replace("scans: 12, seed: 1", "scans: 6, seed: 4"));
        CliRun plan = brief(own, "study", "plan", f.toString());
        assertThat(plan.exitCode()).as(plan.stderr()).isEqualTo(2);
        assertThat(plan.stdout())
                .contains("problems: [the test split is empty (6 scans: 5 train, 1 validation, 0 test)");
        assertThat(plan.stderrLines()).singleElement().asString().startsWith(
                "error: the study cannot succeed on the synthetic cohort of 6 scans (seed 4): the test split is empty");
        CliRun run = brief(own, "study", "run", f.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderrLines()).singleElement().asString().contains("the test split is empty");
        assertThat(new ObjectStore(own).list(own.buckets().scans(), "")).isEmpty();
    }

    private CliRun cli(StoreConfig config, String... args) throws Exception {
        return CliRun.run(S3TestServer.env(config), dir, "3g", 900, args);
    }

    /** A command that is over within seconds (a plan, a refusal): a time limit of two minutes. */
    private CliRun brief(StoreConfig config, String... args) throws Exception {
        return CliRun.run(S3TestServer.env(config), dir, "3g", 120, args);
    }

    private static JsonNode runDocument(ObjectStore store, StoreConfig c, String runId) throws Exception {
        return JSON.readTree(store.getBytes(new S3Uri(c.buckets().work(), "runs/" + runId + "/run.json")));
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static List<String> statuses(JsonNode run) {
        List<String> s = new ArrayList<>();
        run.get("outcomes").forEach(o -> s.add(o.get("status").asText()));
        return s;
    }

    private static Set<String> computed(JsonNode run) {
        Set<String> s = new TreeSet<>();
        run.get("outcomes").fields().forEachRemaining(e -> {
            if (e.getValue().get("status").asText().equals("Computed")) {
                s.add(e.getKey());
            }
        });
        return s;
    }
}
