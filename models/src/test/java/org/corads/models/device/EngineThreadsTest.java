package org.corads.models.device;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's threads follow the processors the JVM may use (a container's CPU limit), unless {@code OMP_NUM_THREADS}
 * or the engine's property chose them; checked on the engine itself in a JVM told it has one processor, on this
 * 2-core machine where libtorch alone would start two threads.
 */
class EngineThreadsTest {

    @Test
    void oneThreadPerProcessorTheJvmMayUseUnlessChosen() {
        assertThat(EngineThreads.choose(null, null, 4)).isEqualTo(OptionalInt.of(4));
        assertThat(EngineThreads.choose("", " ", 1)).isEqualTo(OptionalInt.of(1));
        assertThat(EngineThreads.choose(null, null, 0)).isEqualTo(OptionalInt.of(1));
        assertThat(EngineThreads.choose("2", null, 64)).isEmpty();
        assertThat(EngineThreads.choose(null, "3", 64)).isEmpty();
        assertThat(EngineThreads.describe("2", "8")).isEqualTo("2");
        assertThat(EngineThreads.describe(null, "4")).isEqualTo("unset (4 engine threads, ai.djl.pytorch.num_threads)");
        assertThat(EngineThreads.describe(null, null)).isEqualTo("unset (one thread per core)");
    }

    @Test
    void aJvmLimitedToOneProcessorStartsTheEngineOnOneThread() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:ActiveProcessorCount=1", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines().toList()).as(out).contains("engine threads 1", "processors 1");
        assertThat(Runtime.getRuntime().availableProcessors()).as("this machine has more than one core")
                .isGreaterThan(1);
    }

    /** Starts the engine as the app does and prints its thread count. */
    static final class Probe {
        public static void main(String[] args) {
            EngineThreads.applyDefault();
            Engine.getEngine("PyTorch");
            for (String line : List.of("engine threads " + JniUtils.getNumThreads(),
                    "processors " + Runtime.getRuntime().availableProcessors())) {
                System.out.println(line);
            }
        }
    }
}
