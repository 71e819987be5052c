package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.corads.steps.io.dicom.DicomSeriesReader;
import org.junit.jupiter.api.Timeout;

/**
 * The DICOM Part 10 reader (one slice as a series) on arbitrary bytes. Property: a typed bad-input error or a valid
 * result, never another exception, never more memory than the
 * fuzzing JVM's 512 MB heap, never longer than 5 s an input. Inputs under {@code DicomFuzzTestInputs/} are replayed by
 * every test run; {@code tests/bench/fuzz.sh} fuzzes longer.
 */
public class DicomFuzzTest {

    // the whole fuzzing run is one JUnit invocation: its timeout bounds the run, the 5 s check bounds each input
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "3s")
    void dicom(byte[] data) throws IOException {
        long t0 = System.nanoTime();
        fuzzerTestOneInput(data);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for one input").isLessThan(5);
    }

    /** The target as the Jazzer command line calls it. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Path f = FuzzInput.file(data, ".dcm");
        try {
            LoadedVolume v = DicomSeriesReader.read(f, FuzzInput.LIMITS);
            assertThat(v.volume().geometry().voxelCount()).isLessThanOrEqualTo(FuzzInput.LIMITS.maxVoxels());
        } catch (BadInputException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n");
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
