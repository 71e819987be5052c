package org.corads.steps.io;

import java.nio.file.Path;

/**
 * Input a user can fix: an unreadable, malformed, unsupported or implausible file. The message is one
 * line naming the file, what is wrong and, where useful, what would be accepted. Command-line tools map it
 * to exit code 2; everything else is an internal failure.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** "{@code file}: {@code problem}". */
    public static BadInputException of(Path file, String problem) {
        return new BadInputException(file + ": " + problem);
    }

    private static String oneLine(String s) {
        return s == null ? "bad input" : s.replaceAll("[\\r\\n\\t]+", " ");
    }
}
