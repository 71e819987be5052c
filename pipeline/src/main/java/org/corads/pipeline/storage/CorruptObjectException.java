package org.corads.pipeline.storage;

/** An object whose content does not hash to the digest recorded for it: corrupted or replaced in storage. */
public final class CorruptObjectException extends StorageException {
    private final S3Uri uri;

    public CorruptObjectException(S3Uri uri, String want, String got) {
        super(uri + ": content digest " + got + " does not match the recorded " + want
                + " (object corrupted or replaced)", false, null);
        this.uri = uri;
    }

    /** The object that failed its check. */
    public S3Uri uri() {
        return uri;
    }
}
