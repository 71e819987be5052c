package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** A volume reader under fuzzing. */
    @FunctionalInterface
    public interface Reader {
        LoadedVolume read(Path file, ReadLimits limits);
    }

    /**
     * The property of every volume reader: a volume within {@link #LIMITS} or a one-line {@link BadInputException},
     * anything else escapes as a finding.
     */
    public static void volume(byte[] data, String suffix, Reader reader) throws IOException {
        Path f = file(data, suffix);
        try {
            LoadedVolume v = reader.read(f, LIMITS);
            assertThat(v.volume().geometry().voxelCount()).isLessThanOrEqualTo(LIMITS.maxVoxels());
        } catch (BadInputException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n");
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
