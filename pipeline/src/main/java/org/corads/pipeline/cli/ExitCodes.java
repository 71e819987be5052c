package org.corads.pipeline.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.corads.pipeline.storage.StorageException;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.DiskFull;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to the house exit codes: {@link BadInputException} (and missing or unreadable files) →
 * one line on stderr, exit {@value #BAD_INPUT}; anything else → "internal error" line plus the stack trace
 * on stderr, exit {@value #INTERNAL}. Nothing is printed on stdout.
 */
public final class ExitCodes implements IExecutionExceptionHandler {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    /** The failure a user should see: a typed one wrapped by a route or a future, else {@code ex} unwrapped. */
    static Throwable typed(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof BadInputException || c instanceof StorageException) {
                return c;
            }
        }
        return ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        Throwable t = typed(ex);
        if (t instanceof BadInputException) {
            cmd.getErr().println("error: " + t.getMessage());
            return BAD_INPUT;
        }
        if (t instanceof NoSuchFileException || t instanceof AccessDeniedException) {
            cmd.getErr().println("error: " + t.getMessage() + ": "
                    + (t instanceof NoSuchFileException ? "no such file" : "access denied"));
            return BAD_INPUT;
        }
        if (t instanceof StorageException) {
            cmd.getErr().println("error: " + t.getMessage());
            return INTERNAL;
        }
        var full = DiskFull.describe(ex);
        if (full.isPresent()) {
            cmd.getErr().println("error: " + full.get());
            return INTERNAL;
        }
        if (t instanceof OutOfMemoryError) {
            cmd.getErr().println("internal error: out of memory; raise -Xmx or lower the read budget");
            return INTERNAL;
        }
        cmd.getErr().println("internal error: " + t);
        t.printStackTrace(cmd.getErr());
        return INTERNAL;
    }
}
