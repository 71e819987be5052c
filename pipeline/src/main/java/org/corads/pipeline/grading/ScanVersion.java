package org.corads.pipeline.grading;

import org.corads.steps.core.Sha256;

/**
 * One version of one scan: graded exactly once. For a file, {@code key} is the object's key and {@code etag} its
 * ETag; for a DICOM series, {@code key} is the prefix without its trailing slash and {@code etag} a digest of the
 * keys and ETags of every slice object when the series went quiet.
 */
public record ScanVersion(String bucket, String key, String etag, ScanKind kind) {

    public ScanVersion {
        if (bucket == null || key == null || etag == null || kind == null) {
            throw new IllegalArgumentException("a scan version needs bucket, key, etag and kind");
        }
    }

    /** The claim's name: the SHA-256 of bucket, key, ETag and kind. */
    public String id() {
        return Sha256.of(kind + "\n" + bucket + "\n" + etag + "\n" + key);
    }

    /** The idempotency key Camel's consumer sees: every field, so a repository can rebuild the version. */
    public String idempotencyKey() {
        return kind + "|" + bucket + "|" + etag + "|" + key;
    }

    /** The version an {@link #idempotencyKey()} names. */
    public static ScanVersion parse(String idempotencyKey) {
        String[] f = idempotencyKey.split("\\|", 4);
        if (f.length != 4) {
            throw new IllegalArgumentException("not a scan version key: " + idempotencyKey);
        }
        return new ScanVersion(f[1], f[3], f[2], ScanKind.valueOf(f[0]));
    }
}
