package org.corads.steps.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a fuzz target puts its input when the code under test reads files: memory-backed where there is one. */
public final class FuzzInput {
    private static final Path DIR = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : null;

    private FuzzInput() {}

    /** Writes {@code data} to a fresh file whose name ends in {@code suffix}; the caller deletes it. */
    public static Path file(byte[] data, String suffix) throws IOException {
        Path f = DIR == null ? Files.createTempFile("fuzz", suffix) : Files.createTempFile(DIR, "fuzz", suffix);
        return Files.write(f, data);
    }

    /** Small limits, so that every accepted input stays well inside a fuzzing JVM's heap. */
    public static final ReadLimits LIMITS = new ReadLimits(1L << 22, 1L << 24);
}
