package org.corads.pipeline.storage;

import java.util.List;

/**
 * How to reach object storage and which buckets hold what (DESIGN: one bucket per concern).
 *
 * @param endpoint      S3 endpoint URL, e.g. {@code http://minio:9000}
 * @param accessKey     from the environment ({@code CORADS_S3_ACCESS_KEY})
 * @param secretKey     from the environment ({@code CORADS_S3_SECRET_KEY})
 * @param region        signing region
 * @param buckets       bucket names
 * @param maxAttempts   attempts per request on connection errors and 5xx answers (≥ 1)
 * @param partSizeBytes multipart part size for uploads (≥ 5 MiB); larger objects go up in parts
 */
public record StoreConfig(String endpoint, String accessKey, String secretKey, String region, Buckets buckets,
        int maxAttempts, long partSizeBytes) {

    /** Bucket names per concern. */
    public record Buckets(String scans, String work, String models, String results, String quarantine) {
        public static final Buckets DEFAULT = new Buckets("scans", "work", "models", "results", "quarantine");

        public List<String> all() {
            return List.of(scans, work, models, results, quarantine);
        }
    }

    public static final long MIN_PART = 5L << 20;

    public StoreConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be ≥ 1");
        }
        if (partSizeBytes < MIN_PART) {
            throw new IllegalArgumentException("partSizeBytes must be ≥ 5 MiB");
        }
    }

    public static StoreConfig of(String endpoint, String accessKey, String secretKey) {
        return new StoreConfig(endpoint, accessKey, secretKey, "us-east-1", Buckets.DEFAULT, 4, 16L << 20);
    }

    public StoreConfig withBuckets(Buckets b) {
        return new StoreConfig(endpoint, accessKey, secretKey, region, b, maxAttempts, partSizeBytes);
    }

    public StoreConfig withSecretKey(String s) {
        return new StoreConfig(endpoint, accessKey, s, region, buckets, maxAttempts, partSizeBytes);
    }
}
