package org.corads.models.train;

import java.util.List;
import org.corads.steps.io.BadInputException;

/** Checks that samples have the configured {@code C × D × H × W} size before any training starts. */
final class Shapes {

    private Shapes() {}

    static void check(TrainConfig cfg, List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new BadInputException("no samples to train or validate on");
        }
        long expected = (long) cfg.channels() * cfg.depth() * cfg.size() * cfg.size();
        for (Sample s : samples) {
            if (s.data().length != expected) {
                throw new BadInputException(
                        "sample " + s.id() + " has " + s.data().length + " values; the model expects " + cfg.channels()
                                + " × " + cfg.depth() + " × " + cfg.size() + " × " + cfg.size() + " = " + expected);
            }
        }
    }
}
