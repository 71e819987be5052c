package org.corads.steps.core;

import java.io.IOException;
import java.util.List;

/**
 * One pipeline stage: named file inputs → named file outputs, under a parameters record.
 *
 * <p>A step is pure: the same input bytes and parameters give the same output bytes, so its outputs can be
 * cached under a {@link CacheKey}. It knows nothing about object storage: the executor stages inputs as local
 * files and uploads the outputs it writes. {@link #version()} must be bumped whenever the output for the
 * same inputs and parameters would change.
 *
 * @param <P> the parameters record (serialised to canonical JSON for the cache key)
 */
public interface Step<P> {

    /** Stable name, also the Camel route id and the cache folder: lower-case words joined by '-'. */
    String name();

    /** Bumped whenever outputs for unchanged inputs and parameters would change. */
    int version();

    Class<P> paramsType();

    /**
     * Names of the input files this step reads, e.g. {@code scan}; a name ending in {@code *} is a list input
     * ({@code case*} takes {@code case/0}, {@code case/1}, … — any number, possibly none).
     */
    List<String> inputNames();

    /** Names of the output files this step writes, e.g. {@code volume.mha}. */
    List<String> outputNames();

    /**
     * Whether the step keeps every core busy (network training and inference): the DAG runner runs such steps one
     * at a time, next to the light ones, since two of them at once only oversubscribe the CPU.
     */
    default boolean exclusive() {
        return false;
    }

    /**
     * The work these parameters ask for, for the run's time estimate (never for its results). Default: one unit of
     * the step's own class.
     */
    default Work work(P params) {
        return new Work(name(), 1);
    }

    /** Computes the outputs; may throw {@link org.corads.steps.io.BadInputException} for input it rejects. */
    void run(P params, StepFiles files) throws IOException;
}
