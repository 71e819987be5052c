package org.corads.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.corads.pipeline.storage.EmbeddedS3Server;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.steps.io.FileTrees;

/**
 * Test kit: one real S3 server (S3Proxy in its own JVM, via the pipeline's {@link EmbeddedS3Server}) per test
 * run, shared by every test in the JVM, stopped at exit and its objects deleted with it. Tests isolate themselves
 * with bucket names of their own ({@link #freshConfig}).
 */
public final class S3TestServer {
    private static EmbeddedS3Server server;
    private static Path dataDir;
    private static int counter;

    private S3TestServer() {}

    public static synchronized EmbeddedS3Server get() {
        if (server == null) {
            try {
                Path root = Files.createTempDirectory("s3-test");
                dataDir = root.resolve("data");
                server = EmbeddedS3Server.start(dataDir, lib(), Duration.ofSeconds(60));
                System.err.println(
                        "test S3 server ready at " + server.endpoint() + " in " + server.startupMillis() + " ms");
                EmbeddedS3Server started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    FileTrees.delete(root);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /**
     * A server of the caller's own (to kill and restart without disturbing other tests), keeping its objects in
     * {@code dataDir}; the caller closes it.
     */
    public static EmbeddedS3Server dedicated(Path dataDir) throws IOException {
        return EmbeddedS3Server.start(dataDir, lib(), Duration.ofSeconds(60));
    }

    /** A config for a dedicated server, with buckets named after {@code tag}. */
    public static StoreConfig config(EmbeddedS3Server s, String tag) {
        return StoreConfig.of(s.endpoint(), s.accessKey(), s.secretKey()).withBuckets(new StoreConfig.Buckets(
                tag + "-scans", tag + "-work", tag + "-models", tag + "-results", tag + "-quarantine"));
    }

    private static Path lib() {
        return Path.of(System.getProperty("corads.s3proxy.lib", "../pipeline/target/quarkus-app/s3proxy-lib"));
    }

    /** Where the server keeps objects (filesystem backend): bucket/key map to folders and files below it. */
    public static Path dataDir() {
        get();
        return dataDir;
    }

    /** A config with bucket names unique to the caller, so that tests never see each other's objects. */
    public static synchronized StoreConfig freshConfig(String tag) {
        EmbeddedS3Server s = get();
        String p = tag + "-" + (++counter) + "-";
        return StoreConfig.of(s.endpoint(), s.accessKey(), s.secretKey()).withBuckets(
                new StoreConfig.Buckets(p + "scans", p + "work", p + "models", p + "results", p + "quarantine"));
    }

    public static ObjectStore freshStore(String tag) {
        ObjectStore store = new ObjectStore(freshConfig(tag));
        store.ensureBuckets();
        return store;
    }

    /** Environment that points the packaged app at the test server with the buckets of {@code c}. */
    public static Map<String, String> env(StoreConfig c) {
        return Map.of("CORADS_S3_ENDPOINT", c.endpoint(), "CORADS_S3_ACCESS_KEY", c.accessKey(), "CORADS_S3_SECRET_KEY",
                c.secretKey(), "CORADS_S3_BUCKETS_SCANS", c.buckets().scans(), "CORADS_S3_BUCKETS_WORK",
                c.buckets().work(), "CORADS_S3_BUCKETS_MODELS", c.buckets().models(), "CORADS_S3_BUCKETS_RESULTS",
                c.buckets().results(), "CORADS_S3_BUCKETS_QUARANTINE", c.buckets().quarantine());
    }
}
