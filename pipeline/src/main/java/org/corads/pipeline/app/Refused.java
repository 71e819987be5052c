package org.corads.pipeline.app;

/** A request the server will not take (now): the HTTP status to answer and one line saying why. */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
