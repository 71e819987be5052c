package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The NIfTI-1 reader (plain and gzip-compressed) on arbitrary bytes. Property: a typed bad-input error in one line or
 * a valid result, never another exception, never more memory than the fuzzing JVM's 512 MB heap, never more than 5 s
 * for one input. The inputs under {@code NiftiFuzzTestInputs/} (seeds and every finding so far) are replayed first by
 * every build's fuzzing run; {@code tests/bench/fuzz.sh} fuzzes longer.
 */
public class NiftiFuzzTest {

    // a fixed number of inputs from a fixed seed (pom.xml): the same run on every machine, about 3 s here;
    // the whole fuzzing run is one JUnit invocation: its timeout bounds the run, the 5 s check bounds each input
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 30000)
    void nifti(byte[] data) throws IOException {
        long t0 = System.nanoTime();
        fuzzerTestOneInput(data);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for one input").isLessThan(5);
    }

    /** The target as the Jazzer command line calls it. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        boolean gz = data.length > 1 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        FuzzInput.volume(data, gz ? ".nii.gz" : ".nii", NiftiIO::read);
    }
}
