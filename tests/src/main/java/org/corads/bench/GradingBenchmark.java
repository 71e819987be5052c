package org.corads.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;
import org.corads.testkit.CliRun;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.ServeProcess;
import org.corads.testkit.TinyStudies;

/**
 * Grading on arrival under load, on this machine: (1) a burst of synthetic scans put into the bucket as fast as
 * possible, each announced by a MinIO-format notification: results, duplicates, end-to-end latency (object written
 * → result written, from the result's own times) and throughput; (2) the same burst with the service killed
 * (SIGKILL) mid-burst and restarted: every scan must get exactly one result; (3) the real chest CT, five cold runs
 * (one voxel changed each time, so no step is a cache hit): latency p50/p95 and the service's overhead beyond its
 * steps. The ensembles are a tiny study's, trained first: the bursts use its 2-member arm without a lesion channel
 * (the service path minus segmentation, which on this CPU takes about 6 s per synthetic scan), the real scan its
 * 2-member arm with the in-study lesion U-Net (the method).
 * Usage: {@code GradingBenchmark <workDir> <scans> <chest-ct-01.nii.gz>}.
 */
public final class GradingBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-token";

    private final Path work;
    private final StoreConfig c;
    private final ObjectStore store;
    /** The 2-member ensemble with the in-study lesion U-Net (the method). */
    private String full;
    /** The 2-member ensemble without lesion channel: the same service path minus segmentation, for the bursts. */
    private String noLesion;

    private GradingBenchmark(Path work) {
        this.work = work;
        this.c = S3TestServer.freshConfig("bench");
        this.store = new ObjectStore(c);
        store.ensureBuckets();
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path ct = Path.of(args[2]);
        Files.createDirectories(work);
        GradingBenchmark b = new GradingBenchmark(work);
        b.train();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("burst", b.burst(b.cohort(n, 99), "burst/", -1));
        // another cohort, so that nothing is a cache hit of the first burst
        out.put("killedMidBurst", b.burst(b.cohort(n, 98), "killed/", n / 3));
        out.put("realScanColdRuns", b.realScan(ct, 5));
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    /** {@code n} synthetic scans (FAST resolution) of cohort {@code seed}. */
    private List<Path> cohort(int n, long seed) throws Exception {
        Path cohort = work.resolve("cohort-" + seed);
        if (!Files.exists(cohort.resolve("manifest.csv"))) {
            check(CliRun.run(Map.of(), work, "3g", 900, "synth", String.valueOf(n), cohort.toString(), "--resolution",
                    "FAST", "--seed", String.valueOf(seed)));
        }
        try (var s = Files.list(cohort.resolve("scans"))) {
            return s.sorted().limit(n).toList();
        }
    }

    private void train() throws Exception {
        Path yaml = Files.writeString(work.resolve("study.yaml"),
                TinyStudies.withLesionModel("bench", "  - {name: 3d-full, dimensionality: 3d}\n"
                        + "  - {name: 3d-no-lesion-map, dimensionality: 3d, lesionChannel: false}\n"));
        check(CliRun.run(S3TestServer.env(c), work, "3g", 900, "study", "run", yaml.toString()));
        full = "s3://" + c.buckets().models() + "/bench/3d-full/";
        noLesion = "s3://" + c.buckets().models() + "/bench/3d-no-lesion-map/";
    }

    private ServeProcess serve(String name, String ensemble) throws Exception {
        Map<String, String> env = new HashMap<>(S3TestServer.env(c));
        env.put("CORADS_GRADING_MODEL", ensemble);
        env.put("CORADS_EVENTS_TOKEN", TOKEN);
        env.put("CORADS_GRADING_POLL_SECONDS", "0");
        env.put("CORADS_GRADING_SWEEP_SECONDS", "2");
        ServeProcess s = ServeProcess.start(env, work.resolve(name), "4g");
        while (s.get("/q/health/ready").statusCode() != 200) {
            Thread.sleep(200);
        }
        return s;
    }

    /** Puts every scan under {@code prefix} at once; kills and restarts the service after {@code killAfter}. */
    private Map<String, Object> burst(List<Path> scans, String prefix, int killAfter) throws Exception {
        ServeProcess s = serve(prefix.replace("/", "") + "-1", noLesion);
        List<String> logs = new ArrayList<>();
        Instant t0 = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> puts = new ArrayList<>();
        for (Path p : scans) {
            String key = prefix + p.getFileName();
            ServeProcess target = s;
            puts.add(pool.submit(() -> {
                store.putFile(new S3Uri(c.buckets().scans(), key), p, "application/octet-stream");
                var r = target.postJson("/events/s3", minio(key), TOKEN);
                if (r.statusCode() != 202) {
                    throw new IllegalStateException(key + ": " + r.statusCode() + " " + r.body());
                }
                return null;
            }));
        }
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
        Instant allPut = Instant.now();
        if (killAfter >= 0) {
            while (count(prefix) < killAfter) {
                Thread.sleep(200);
            }
            s.kill();
            logs.add(s.log());
            s = serve(prefix.replace("/", "") + "-2", noLesion);
        }
        while (count(prefix) < scans.size()) {
            Thread.sleep(500);
        }
        Instant allDone = Instant.now();
        Thread.sleep(3000);
        logs.add(s.log());
        s.close();
        List<Double> latency = new ArrayList<>();
        Map<String, Integer> status = new HashMap<>();
        for (S3Uri r : store.list(c.buckets().results(), "grades/" + prefix)) {
            if (r.key().endsWith(".json")) {
                JsonNode doc = JSON.readTree(store.getBytes(r));
                status.merge(doc.get("status").asText(), 1, Integer::sum);
                if (doc.hasNonNull("objectWrittenAt")) {
                    latency.add(seconds(doc.get("objectWrittenAt").asText(), doc.get("gradedAt").asText()));
                }
            }
        }
        long written = logs.stream().flatMap(l -> l.lines())
                .filter(l -> l.contains("graded {\"key\":\"" + prefix) && l.contains("\"written\":true")).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scans", scans.size());
        m.put("results", count(prefix));
        m.put("resultsWritten", written);
        m.put("status", status);
        m.put("killedAfterResults", killAfter >= 0 ? killAfter : null);
        m.put("putSeconds", seconds(t0, allPut));
        m.put("wallSeconds", seconds(t0, allDone));
        m.put("throughputPerMinute", round(scans.size() / seconds(t0, allDone) * 60));
        m.put("latencyP50Seconds", percentile(latency, 0.5));
        m.put("latencyP95Seconds", percentile(latency, 0.95));
        return m;
    }

    /** Cold runs of the real CT (one voxel changed each run): latency and the service's own overhead. */
    private Map<String, Object> realScan(Path ct, int runs) throws Exception {
        ServeProcess s = serve("real", full);
        Volume v = VolumeIO.read(ct).volume();
        List<Double> latency = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            short[] vox = v.copyShorts();
            vox[0] += (short) (i + 1);
            Path f = work.resolve("real-" + i + ".nii.gz");
            VolumeIO.write(Volume.ofShorts(v.geometry(), vox), f);
            String key = "real/run-" + i + ".nii.gz";
            store.putFile(new S3Uri(c.buckets().scans(), key), f, "application/octet-stream");
            long put = System.nanoTime();
            s.postJson("/events/s3", minio(key), TOKEN);
            S3Uri r = new S3Uri(c.buckets().results(), "grades/" + key + ".json");
            while (store.stat(r).isEmpty()) {
                Thread.sleep(50);
            }
            double l = round((System.nanoTime() - put) / 1e9);
            JsonNode doc = JSON.readTree(store.getBytes(r));
            latency.add(l);
            overhead.add(l - doc.get("timingsMs").get("total").asLong() / 1000.0);
            System.err.println(
                    key + ": " + doc.get("status").asText() + ", " + l + " s, timings " + doc.get("timingsMs"));
        }
        s.close();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        m.put("latencySeconds", latency);
        m.put("measured", "client side: object put → result object seen (polled every 50 ms)");
        m.put("latencyP50Seconds", percentile(latency, 0.5));
        m.put("latencyP95Seconds", percentile(latency, 0.95));
        m.put("overheadSeconds", overhead);
        return m;
    }

    private long count(String prefix) {
        return store.list(c.buckets().results(), "grades/" + prefix).stream().filter(u -> u.key().endsWith(".json"))
                .count();
    }

    private String minio(String key) throws Exception {
        return JSON.writeValueAsString(
                Map.of("EventName", "s3:ObjectCreated:Put", "Key", c.buckets().scans() + "/" + key, "Records",
                        List.of(Map.of("eventName", "s3:ObjectCreated:Put", "s3",
                                Map.of("bucket", Map.of("name", c.buckets().scans()), "object",
                                        Map.of("key", URLEncoder.encode(key, StandardCharsets.UTF_8)))))));
    }

    private static double seconds(String from, String to) {
        return seconds(Instant.parse(from), Instant.parse(to));
    }

    private static double seconds(Instant from, Instant to) {
        return round((to.toEpochMilli() - from.toEpochMilli()) / 1000.0);
    }

    private static double percentile(List<Double> xs, double q) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get((int) Math.min(s.size() - 1, Math.ceil(q * s.size()) - 1));
    }

    private static double round(double x) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.2f", x));
    }

    private static void check(CliRun r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException("exit " + r.exitCode() + ": " + r.stderr());
        }
    }
}
