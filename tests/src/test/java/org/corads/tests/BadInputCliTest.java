package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.corads.steps.io.FileTrees;
import org.corads.testkit.BadInputCorpus;
import org.corads.testkit.CliRun;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed input through the packaged CLI ({@code check}) in a fresh JVM capped at 1 GB of heap:
 * exit 2, exactly one line on stderr naming the file and the problem, nothing on stdout, within 60 s.
 */
class BadInputCliTest {
    private static Path dir;
    private static Map<Path, String> corpus;

    static synchronized Map<Path, String> corpus() throws Exception {
        if (corpus == null) {
            dir = Files.createTempDirectory("bad-input");
            corpus = BadInputCorpus.build(dir, SharedData.ct("chest-ct-01-small.nii.gz"));
        }
        return corpus;
    }

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        corpus().forEach((p, phrase) -> out.add(Arguments.of(p.getFileName().toString(), p, phrase)));
        return out.stream();
    }

    @Test
    void theCorpusHasAtLeastFifteenCases() throws Exception {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputExitsTwoWithOneLine(String name, Path file, String phrase) throws Exception {
        CliRun r = CliRun.run("1g", 60, "check", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
        String line = r.stderrLines().get(0);
        assertThat(line).startsWith("error: ").contains(file.getFileName().toString()).contains(phrase);
        assertThat(line).doesNotContain("Exception");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (dir != null) {
            FileTrees.delete(dir);
        }
    }
}
