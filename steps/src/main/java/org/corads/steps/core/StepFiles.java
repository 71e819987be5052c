package org.corads.steps.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;

/** Where a running step finds its staged inputs and writes its outputs (local files). */
public interface StepFiles {

    /** The local copy of input {@code name}; its original name's extension is kept. */
    Path input(String name);

    /** Where to write output {@code name}. */
    Path output(String name);

    /**
     * The staged inputs of a list input: a step that declares {@code case*} among its input names receives any
     * number of inputs named {@code case/<item>}; they are returned by item name, in name order.
     */
    SortedMap<String, Path> inputs(String listName);

    /**
     * A folder that survives a crash of this step and is the same when the same spec runs again (checkpoints of
     * long training steps live here); the executor deletes it once the step's outputs are stored.
     */
    Path stateDir() throws IOException;

    /**
     * Records how long a part of the step took. Timings go to the step's provenance sidecar, never into its outputs,
     * which must be byte-identical whenever the inputs and parameters are.
     */
    default void timing(String part, long millis) {}
}
