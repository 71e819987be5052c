package org.corads.pipeline.cli;

import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Option;

/**
 * {@code --spacing-mm}: the grid a command resamples scans to, as a study's {@code preprocessing.spacingMm} — the
 * paper's 1.5 mm by default, 0.5–6 mm accepted; the crop keeps the paper's 360 mm field of view at any grid.
 */
public class SpacingOption {

    @Option(names = "--spacing-mm", defaultValue = "1.5", description = "Grid the scans are resampled to (mm), as a "
            + "study's preprocessing.spacingMm: 0.5–6, the paper's 1.5 by default; the crop keeps the paper's 360 mm.")
    double spacingMm;

    /** The grid, once checked: a spacing outside 0.5–6 mm is bad input. */
    double checked() {
        if (!ModelInputStep.Params.isSupportedSpacing(spacingMm)) {
            throw new BadInputException("--spacing-mm must be 0.5–6 mm, got " + spacingMm);
        }
        return spacingMm;
    }
}
