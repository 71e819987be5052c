package org.corads.steps.core;

import java.nio.file.Path;

/** Where a running step finds its staged inputs and writes its outputs (local files). */
public interface StepFiles {

    /** The local copy of input {@code name}; its original name's extension is kept. */
    Path input(String name);

    /** Where to write output {@code name}. */
    Path output(String name);
}
