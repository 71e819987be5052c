package org.corads.pipeline.grading;

/**
 * One object written into a bucket, as a notification or a listing reports it.
 *
 * @param bucket bucket name
 * @param key    object key, decoded
 * @param etag   ETag without quotes (may be null when the source does not give one)
 * @param size   bytes (−1 when unknown)
 */
public record ObjectCreated(String bucket, String key, String etag, long size) {}
