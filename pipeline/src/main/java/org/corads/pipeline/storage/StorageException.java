package org.corads.pipeline.storage;

/** A storage failure with a one-line, actionable message (unreachable server, access denied, digest mismatch). */
public class StorageException extends RuntimeException {
    private final boolean authFailure;

    public StorageException(String message, boolean authFailure, Throwable cause) {
        super(message, cause);
        this.authFailure = authFailure;
    }

    public boolean authFailure() {
        return authFailure;
    }
}
