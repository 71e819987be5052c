package org.corads.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.BadInputException;

/**
 * The commands' shared rules for files: an existing output is kept unless the user passed {@code --force}; cohort
 * folders hold a manifest.
 */
final class Outputs {

    private Outputs() {}

    static void refuseOverwrite(Path file, boolean force) {
        if (!force && Files.exists(file)) {
            throw BadInputException.of(file, "already exists; pass --force to overwrite");
        }
    }

    /** {@code manifest.csv} of a local cohort folder, or a one-line error. */
    static Path cohortManifest(Path cohort) {
        Path manifest = cohort.resolve("manifest.csv");
        if (!Files.isRegularFile(manifest)) {
            throw BadInputException.of(cohort,
                    "has no manifest.csv; expected a cohort folder written by 'synth' or 'import'");
        }
        return manifest;
    }
}
