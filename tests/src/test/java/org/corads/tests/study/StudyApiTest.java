package org.corads.tests.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.testkit.CliRun;
import org.corads.testkit.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of the packaged app ({@code serve}): submit, follow, fetch the report; OpenAPI; a refused study. */
class StudyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void submitFollowAndFetchTheReport() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StoreConfig c = S3TestServer.freshConfig("api");
        List<String> cmd = new ArrayList<>(CliRun.command("3g"));
        cmd.add("serve");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile());
        pb.environment().putAll(S3TestServer.env(c));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process p = pb.start();
        String base = "http://127.0.0.1:" + port;
        try {
            HttpResponse<String> up = null;
            for (int i = 0; i < 300 && (up == null || up.statusCode() != 200); i++) {
                try {
                    up = get(base + "/studies");
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(up).isNotNull();
            assertThat(up.statusCode()).isEqualTo(200);

            HttpResponse<String> bad = post(base + "/studies", "dataset: {synthetic: {scans: 10}}\nseeds: 0\n");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("'seeds'");

            // two arms of the tiny study: the API's part (submit, follow, fetch) does not need all five
            String twoArms = StudyCliTest.TINY + """
                    arms:
                      - {name: 3d-full, dimensionality: 3d}
                      - {name: 3d-no-lesion-map, dimensionality: 3d, lesionChannel: false}
                    """;
            HttpResponse<String> sub = post(base + "/studies", twoArms);
            assertThat(sub.statusCode()).as(sub.body()).isEqualTo(202);
            String id = JSON.readTree(sub.body()).get("id").asText();
            assertThat(sub.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/studies/" + id));

            JsonNode st = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            boolean sawProgress = false;
            while (System.nanoTime() < deadline) {
                st = JSON.readTree(get(base + "/studies/" + id).body());
                sawProgress |= st.get("state").asText().equals("running") && st.get("stepsDone").asInt() > 0;
                if (st.get("state").asText().equals("succeeded") || st.get("state").asText().equals("failed")) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(st.get("state").asText()).as(st.toString()).isEqualTo("succeeded");
            assertThat(sawProgress).isTrue();
            assertThat(st.get("stepsTotal").asInt())
                    .isEqualTo(StudyCliTest.planned(Files.writeString(dir.resolve("two-arms.yaml"), twoArms)));

            HttpResponse<String> metrics = get(base + "/studies/" + id + "/report");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(metrics.body()).get("models").size()).isEqualTo(2);
            HttpResponse<String> html = get(base + "/studies/" + id + "/report/report.html");
            assertThat(html.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(get(base + "/studies/" + id + "/report/nope.txt").statusCode()).isEqualTo(404);
            assertThat(get(base + "/studies/no-such-id").statusCode()).isEqualTo(404);

            HttpResponse<String> openapi = get(base + "/q/openapi?format=json");
            assertThat(openapi.statusCode()).isEqualTo(200);
            JsonNode paths = JSON.readTree(openapi.body()).get("paths");
            assertThat(paths.has("/studies")).isTrue();
            assertThat(paths.has("/studies/{id}/report/{file}")).isTrue();
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String yaml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
