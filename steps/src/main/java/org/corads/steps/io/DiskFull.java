package org.corads.steps.io;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises a write that failed because the disk (or the process's file-size limit) is full, anywhere in a chain
 * of causes, so that it is reported as such in one line instead of as an internal error with a stack trace.
 */
public final class DiskFull {
    private DiskFull() {}

    /** "no space left to write (No space left on device)", when {@code t} or a cause is a full-disk error. */
    public static Optional<String> describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null) {
                String m = c.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("no space left") || m.contains("file too large") || m.contains("disk quota exceeded")) {
                    return Optional.of("no space left to write (" + c.getMessage() + "); free space or point the"
                            + " scratch folder (corads.scratch-dir) at a larger disk");
                }
            }
        }
        return Optional.empty();
    }
}
