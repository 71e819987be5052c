package org.corads.tests.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.ServeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API of the packaged app ({@code serve}) as a site runs it: bearer tokens from a file with a reader and a
 * submitter role, size and admission limits, submit / follow / fetch, cancel a queued and a running study, a
 * SIGKILL and restart that loses no study (the running one resumes), and no secret in any log line.
 */
class StudyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER = "reader-token-0123456789abcdef";
    private static final String SUBMITTER = "submitter-token-fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void aSiteRunsStudiesThroughTheApiSafelyAndLosesNoneOnARestart() throws Exception {
        StoreConfig c = S3TestServer.freshConfig("api");
        Path tokens = Files.writeString(dir.resolve("tokens"),
                "# name role token\nviewer reader " + READER + "\nlab submitter " + SUBMITTER + "\n");
        Map<String, String> env = new HashMap<>(S3TestServer.env(c));
        env.put("CORADS_API_AUTH", "tokens");
        env.put("CORADS_API_TOKENS_FILE", tokens.toString());
        String logs;
        String x;
        String y;
        String z;
        ServeProcess api = ready(ServeProcess.start(env, dir.resolve("first"), "3g"));
        try {
            assertThat(api.send("GET", "/studies", null, null).statusCode()).isEqualTo(401);
            assertThat(api.send("GET", "/studies", null, "not-a-listed-token-at-all").statusCode()).isEqualTo(401);
            assertThat(api.send("GET", "/models", null, READER).statusCode()).isEqualTo(200);
            assertThat(api.send("GET", "/q/metrics", null, null).statusCode()).isEqualTo(401);
            assertThat(api.send("POST", "/studies", StudyCliTest.TINY, READER).statusCode()).isEqualTo(403);
            assertThat(api.send("POST", "/studies", "#" + "x".repeat(300 * 1024), SUBMITTER).statusCode())
                    .isEqualTo(413);
            HttpResponse<String> bad = api.send("POST", "/studies", "dataset: {synthetic: {scans: 10}}\nseeds: 0\n",
                    SUBMITTER);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(error(bad)).contains("'seeds'");
            HttpResponse<String> unfit = api.send("POST", "/studies",
                    StudyCliTest.TINY.replace("scans: 12, seed: 1", "scans: 6, seed: 4"), SUBMITTER);
            assertThat(unfit.statusCode()).isEqualTo(422);
            assertThat(error(unfit)).contains("the test split is empty (6 scans: 5 train, 1 validation, 0 test)");
            HttpResponse<String> huge = api.send("POST", "/studies",
                    "dataset: {synthetic: {scans: 100000000, resolution: FULL}}\n", SUBMITTER);
            assertThat(huge.statusCode()).isEqualTo(422);
            assertThat(error(huge)).contains("100000000 scans > 5000 (corads.admission.max-scans)")
                    .contains("estimated memory").contains("estimated disk").doesNotContain("\n");

            // two arms of the tiny study: the API's part (submit, follow, fetch) does not need all five
            String twoArms = StudyCliTest.TINY + """
                    arms:
                      - {name: 3d-full, dimensionality: 3d}
                      - {name: 3d-no-lesion-map, dimensionality: 3d, lesionChannel: false}
                    """;
            HttpResponse<String> sub = api.send("POST", "/studies", twoArms, SUBMITTER);
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(202);
            x = JSON.readTree(sub.body()).get("id").asText();
            assertThat(sub.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/studies/" + x));

            // a study queued behind it and cancelled before it starts
            y = id(api.send("POST", "/studies", StudyCliTest.TINY.replace("name: tiny", "name: never"), SUBMITTER));
            assertThat(api.send("DELETE", "/studies/" + y, null, READER).statusCode()).isEqualTo(403);
            HttpResponse<String> cancelY = api.send("DELETE", "/studies/" + y, null, SUBMITTER);
            assertThat(cancelY.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(cancelY.body()).get("state").asText()).isEqualTo("cancelled");

            boolean[] sawProgress = {false};
            boolean[] sawActivity = {false};
            JsonNode st = await(api, x, Duration.ofMinutes(10), s -> {
                sawProgress[0] |= s.get("state").asText().equals("running") && s.get("stepsDone").asInt() > 0;
                // the latest progress line: the cohort being written before any plan exists, then the steps
                sawActivity[0] |= s.get("state").asText().equals("running")
                        && s.path("activity").asText("").matches("(synthetic cohort: )?\\[\\d+/\\d+] .*");
                return finished(s);
            });
            assertThat(st.get("state").asText()).as(st.toString()).isEqualTo("succeeded");
            assertThat(sawProgress[0]).isTrue();
            assertThat(sawActivity[0]).isTrue();
            assertThat(st.path("activity").asText("")).as(st.toString()).isNotEmpty();
            assertThat(st.get("stepsTotal").asInt())
                    .isEqualTo(StudyCliTest.planned(Files.writeString(dir.resolve("two-arms.yaml"), twoArms)));
            assertThat(api.send("DELETE", "/studies/" + x, null, SUBMITTER).statusCode()).isEqualTo(409);

            HttpResponse<String> metrics = api.send("GET", "/studies/" + x + "/report", null, READER);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(metrics.body()).get("models").size()).isEqualTo(2);
            HttpResponse<String> html = api.send("GET", "/studies/" + x + "/report/report.html", null, READER);
            assertThat(html.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(api.send("GET", "/studies/" + x + "/report/nope.txt", null, READER).statusCode()).isEqualTo(404);
            assertThat(api.send("GET", "/studies/no-such-id", null, READER).statusCode()).isEqualTo(404);
            JsonNode paths = JSON.readTree(api.send("GET", "/q/openapi?format=json", null, READER).body()).get("paths");
            assertThat(paths.has("/studies")).isTrue();
            assertThat(paths.has("/studies/{id}/report/{file}")).isTrue();

            // a study whose training takes a while, killed with the server in the middle of it
            z = id(api.send("POST", "/studies", longTraining(), SUBMITTER));
            await(api, z, Duration.ofMinutes(3),
                    s -> s.get("state").asText().equals("running") && s.get("stepsDone").asInt() > 0);
            api.kill();
            logs = api.log();
        } finally {
            api.close();
        }

        ServeProcess again = ready(ServeProcess.start(env, dir.resolve("second"), "3g"));
        try {
            Map<String, String> states = new HashMap<>();
            for (JsonNode s : JSON.readTree(again.send("GET", "/studies", null, READER).body())) {
                states.put(s.get("id").asText(), s.get("state").asText());
            }
            assertThat(states).as(again.log()).containsEntry(x, "succeeded").containsEntry(y, "cancelled")
                    .containsKey(z);
            assertThat(again.send("GET", "/studies/" + x + "/report", null, READER).statusCode()).isEqualTo(200);
            JsonNode resumed = await(again, z, Duration.ofMinutes(2),
                    s -> s.get("state").asText().equals("running") && s.get("stepsTotal").asInt() > 0);
            assertThat(resumed.get("note").asText()).startsWith("resumed after a server restart (it was running)");
            assertThat(again.send("DELETE", "/studies/" + z, null, SUBMITTER).statusCode()).isEqualTo(202);
            JsonNode cancelled = await(again, z, Duration.ofMinutes(2), StudyApiTest::finished);
            assertThat(cancelled.get("state").asText()).as(cancelled.toString()).isEqualTo("cancelled");
            ObjectStore store = new ObjectStore(c);
            JsonNode run = JSON.readTree(store.getBytes(new S3Uri(c.buckets().work(), "runs/" + z + "/run.json")));
            assertThat(run.get("status").asText()).isEqualTo("cancelled");
        } finally {
            again.close();
            logs += again.log();
        }
        for (String secret : List.of(READER, SUBMITTER, c.secretKey())) {
            assertThat(logs).as("a log line names a secret").doesNotContain(secret);
        }
    }

    /** The tiny study with one arm whose training runs for minutes (new parameters, so nothing is cached). */
    private static String longTraining() {
        return StudyCliTest.TINY.replace("name: tiny", "name: long").replace(
                "iterations: 20, pretrainIterations: 6, validateEvery: 5,",
                "iterations: 20000, patience: 20000, pretrainIterations: 6, validateEvery: 1000,")
                + "arms:\n  - {name: 3d-full, dimensionality: 3d}\n";
    }

    /** Waits until the server is ready: its studies taken up again after a restart. */
    private static ServeProcess ready(ServeProcess s) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (s.get("/q/health/ready").statusCode() == 200) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready: " + s.get("/q/health/ready").body() + "\n" + s.log());
    }

    private static boolean finished(JsonNode s) {
        return List.of("succeeded", "failed", "cancelled").contains(s.get("state").asText());
    }

    private static JsonNode await(ServeProcess api, String id, Duration limit, Predicate<JsonNode> until)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode st = null;
        while (System.nanoTime() < deadline) {
            st = JSON.readTree(api.send("GET", "/studies/" + id, null, READER).body());
            if (until.test(st)) {
                return st;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("study " + id + " did not get there within " + limit + "; last: " + st);
    }

    private static String id(HttpResponse<String> submitted) throws Exception {
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return JSON.readTree(submitted.body()).get("id").asText();
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error").asText();
    }
}
