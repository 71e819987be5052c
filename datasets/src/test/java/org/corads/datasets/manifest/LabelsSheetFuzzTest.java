package org.corads.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.FileTrees;
import org.junit.jupiter.api.Timeout;

/**
 * The manifest importer on an arbitrary labels sheet (beside a folder with one scan file), and the manifest reader on
 * the same bytes. Property: a typed bad-input error in one line or a valid result, never another exception, never more
 * memory than the fuzzing JVM's 512 MB heap, never more than 5 s for one input. The inputs under {@code
 * LabelsSheetFuzzTestInputs/} (seeds and every finding so far) are replayed first by every build's fuzzing run; {@code
 * tests/bench/fuzz.sh} fuzzes longer.
 */
public class LabelsSheetFuzzTest {

    // a fixed number of inputs from a fixed seed (pom.xml): the same run on every machine, about 3 s here;
    // the whole fuzzing run is one JUnit invocation: its timeout bounds the run, the 5 s check bounds each input
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 20000)
    void labelsSheet(byte[] data) throws IOException {
        long t0 = System.nanoTime();
        fuzzerTestOneInput(data);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for one input").isLessThan(5);
    }

    /** The target as the Jazzer command line calls it. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm"))
                ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir")), "fuzz");
        try {
            Files.write(dir.resolve("a.nii.gz"), new byte[]{1});
            Path sheet = Files.write(dir.resolve("labels.csv"), data);
            try {
                List<ManifestRow> rows = Importer.importFolder(dir.resolve("."), sheet);
                assertThat(rows).allSatisfy(r -> assertThat(r.scanId()).isNotBlank());
            } catch (BadInputException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
            try {
                Manifests.read(sheet);
            } catch (BadInputException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        } finally {
            FileTrees.delete(dir);
        }
    }
}
