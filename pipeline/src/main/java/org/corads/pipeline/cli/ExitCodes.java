package org.corads.pipeline.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.corads.pipeline.storage.StorageException;
import org.corads.steps.io.BadInputException;
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

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
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
        if (t instanceof OutOfMemoryError) {
            cmd.getErr().println("internal error: out of memory; raise -Xmx or lower the read budget");
            return INTERNAL;
        }
        cmd.getErr().println("internal error: " + t);
        t.printStackTrace(cmd.getErr());
        return INTERNAL;
    }
}
