package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corads.testkit.CliRun;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that run without starting Quarkus print, write, log and exit as they do under Quarkus
 * ({@code -Dcorads.cli.local=false}): the same stdout, files, log lines (but their time) and exit codes.
 */
class LocalCommandsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> UNDER_QUARKUS = Map.of("JAVA_OPTS", "-Dcorads.cli.local=false");

    @TempDir
    Path dir;

    private CliRun run(boolean quarkus, String... args) throws Exception {
        return CliRun.run(quarkus ? UNDER_QUARKUS : Map.of(), dir, "1g", 120, args);
    }

    @Test
    void preprocessWritesAndLogsTheSameWithoutTheContainer() throws Exception {
        String ct = SharedData.ct("chest-ct-01-small.nii.gz").toString();
        CliRun local = run(false, "preprocess", ct, dir.resolve("local").toString());
        CliRun quarkus = run(true, "preprocess", ct, dir.resolve("quarkus").toString());
        assertThat(local.exitCode()).as(local.stderr()).isZero();
        assertThat(quarkus.exitCode()).as(quarkus.stderr()).isZero();
        assertThat(withoutTimings(local.stdout())).isEqualTo(withoutTimings(quarkus.stdout()));
        // the small scan's lung mask reaches its first and last slices: one WARN line, in Quarkus' format
        assertThat(local.stderrLines()).isNotEmpty();
        assertThat(withoutTime(local.stderrLines())).isEqualTo(withoutTime(quarkus.stderrLines()));
        try (var files = Files.list(dir.resolve("quarkus"))) {
            for (Path f : files.toList()) {
                Path twin = dir.resolve("local").resolve(f.getFileName());
                if (f.getFileName().toString().equals("summary.json")) {
                    assertThat(withoutTimings(Files.readString(twin))).isEqualTo(withoutTimings(Files.readString(f)));
                } else {
                    assertThat(Files.readAllBytes(twin)).as(f.getFileName().toString())
                            .isEqualTo(Files.readAllBytes(f));
                }
            }
        }
    }

    @Test
    void refusalsAndHelpAreTheSameWithoutTheContainer() throws Exception {
        List<List<String>> lines = List.of(List.of("check", dir.resolve("no-such.nii.gz").toString()),
                List.of("frobnicate"), List.of("help", "check"));
        for (List<String> args : lines) {
            CliRun local = run(false, args.toArray(String[]::new));
            CliRun quarkus = run(true, args.toArray(String[]::new));
            assertThat(local.exitCode()).as(args.toString()).isEqualTo(quarkus.exitCode());
            assertThat(local.stdout()).as(args.toString()).isEqualTo(quarkus.stdout());
            assertThat(local.stderr()).as(args.toString()).isEqualTo(quarkus.stderr());
        }
    }

    /** The document without its {@code timingsMs} (milliseconds differ from run to run). */
    private static JsonNode withoutTimings(String json) throws Exception {
        JsonNode doc = JSON.readTree(json);
        ((ObjectNode) doc).remove("timingsMs");
        return doc;
    }

    /** Log lines without their leading date and time. */
    private static List<String> withoutTime(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} ", ""))
                .toList();
    }
}
