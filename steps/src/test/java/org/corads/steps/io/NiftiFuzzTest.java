package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The NIfTI-1 reader (plain and gzip-compressed) on arbitrary bytes. Property: a typed bad-input error or a valid
 * result, never another exception, never more memory than the
 * fuzzing JVM's 512 MB heap, never longer than 5 s an input. Inputs under {@code NiftiFuzzTestInputs/} are replayed by
 * every test run; {@code tests/bench/fuzz.sh} fuzzes longer.
 */
public class NiftiFuzzTest {

    // the whole fuzzing run is one JUnit invocation: its timeout bounds the run, the 5 s check bounds each input
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "3s")
    void nifti(byte[] data) throws IOException {
        long t0 = System.nanoTime();
        fuzzerTestOneInput(data);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for one input").isLessThan(5);
    }

    /** The target as the Jazzer command line calls it. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        boolean gz = data.length > 1 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        Path f = FuzzInput.file(data, gz ? ".nii.gz" : ".nii");
        try {
            LoadedVolume v = NiftiIO.read(f, FuzzInput.LIMITS);
            assertThat(v.volume().geometry().voxelCount()).isLessThanOrEqualTo(FuzzInput.LIMITS.maxVoxels());
        } catch (BadInputException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n");
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
