package org.corads.models.device;

import java.util.OptionalInt;

/**
 * The engine's intra-op threads where nothing else chose them: one per processor this JVM may use. libtorch's OpenMP
 * pool otherwise takes one thread per core of the machine, also in a container limited to a few of them — a CPU limit
 * is a quota, not an affinity mask: the JVM counts it, OpenMP does not — so a step Job with 4 CPUs on a 64-core node
 * would run 64 threads in 4 CPUs' time, and the same step would run a different number of threads (and give other
 * bytes) on every size of node. {@code OMP_NUM_THREADS} or {@code -Dai.djl.pytorch.num_threads} still decide where set.
 */
public final class EngineThreads {
    /** DJL's PyTorch engine reads it once, when it starts. */
    static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private EngineThreads() {}

    /**
     * The engine's thread count, or empty where {@code OMP_NUM_THREADS} or the property already decide it.
     *
     * @param ompNumThreads the environment's {@code OMP_NUM_THREADS}, or null
     * @param property      {@code ai.djl.pytorch.num_threads}, or null
     * @param processors    the processors this JVM may use (its CPU limit in a container)
     */
    static OptionalInt choose(String ompNumThreads, String property, int processors) {
        if (given(ompNumThreads) || given(property)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.max(1, processors));
    }

    /** Gives the engine one thread per processor this JVM may use, unless chosen otherwise; before it starts. */
    public static void applyDefault() {
        choose(System.getenv("OMP_NUM_THREADS"), System.getProperty(PROPERTY),
                Runtime.getRuntime().availableProcessors())
                .ifPresent(n -> System.setProperty(PROPERTY, Integer.toString(n)));
    }

    /** How the threads were chosen, for {@code study.json}. */
    static String describe(String ompNumThreads, String property) {
        if (given(ompNumThreads)) {
            return ompNumThreads;
        }
        return given(property)
                ? "unset (" + property + " engine threads, ai.djl.pytorch.num_threads)"
                : "unset (one thread per core)";
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
