package org.corads.pipeline.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Storage configuration ({@code corads.s3.*}; each key also reads from the environment, e.g.
 * {@code CORADS_S3_ENDPOINT}, {@code CORADS_S3_ACCESS_KEY}, {@code CORADS_S3_SECRET_KEY},
 * {@code CORADS_S3_BUCKETS_WORK}). No endpoint → the embedded S3 server is started on first use.
 */
@ConfigMapping(prefix = "corads.s3")
public interface S3Settings {

    /** External S3 endpoint (MinIO in production); absent → embedded server. */
    Optional<String> endpoint();

    /** Secret: set through the environment only. */
    Optional<String> accessKey();

    /** Secret: set through the environment only. */
    Optional<String> secretKey();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("4")
    int maxAttempts();

    /** Multipart part size; objects above it go up in parts. */
    @WithDefault("16777216")
    long partSizeBytes();

    Buckets buckets();

    Embedded embedded();

    /** Bucket names, one per concern. */
    interface Buckets {
        @WithDefault("scans")
        String scans();

        @WithDefault("work")
        String work();

        @WithDefault("models")
        String models();

        @WithDefault("results")
        String results();

        @WithDefault("quarantine")
        String quarantine();
    }

    /** The embedded S3 server. */
    interface Embedded {
        /** Where its objects live (made absolute); kept across runs, so the cache survives restarts. */
        @WithDefault("work-data/s3")
        String dataDir();

        /** S3Proxy's jars; default: {@code s3proxy-lib} beside the app's {@code quarkus-run.jar}. */
        Optional<String> libDir();

        @WithDefault("60s")
        Duration startTimeout();
    }
}
