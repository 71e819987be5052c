package org.corads.pipeline.storage;

import org.corads.steps.core.ObjectKeys;

/**
 * An object address {@code s3://bucket/key}, validated: bucket names per S3 rules, keys per
 * {@link ObjectKeys} (no '..', no control characters).
 */
public record S3Uri(String bucket, String key) {

    public S3Uri {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException(
                    "invalid bucket name '" + bucket + "'; expected 3–63 of a-z, 0-9, '.', '-'");
        }
        ObjectKeys.key(key);
    }

    public static S3Uri parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// URI: '" + uri + "'");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("s3 URI lacks a key: '" + uri + "'; expected s3://bucket/key");
        }
        return new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** File name part of the key. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
