/**
 * Object storage on the MinIO Java client: the object store with digests and retries, S3 URIs, the embedded
 * S3 server's lifecycle and cohort uploads.
 *
 * <p>May use: the MinIO client, {@code datasets} (cohorts) and the {@code steps} library; nothing above it.
 */
package org.corads.pipeline.storage;
