package org.corads.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.BadInputException;

/** The commands' shared rule for output files: an existing one is kept unless the user passed {@code --force}. */
final class Outputs {

    private Outputs() {
    }

    static void refuseOverwrite(Path file, boolean force) {
        if (!force && Files.exists(file)) {
            throw BadInputException.of(file, "already exists; pass --force to overwrite");
        }
    }
}
