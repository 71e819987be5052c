package org.corads.pipeline.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.corads.pipeline.storage.EmbeddedS3Server;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.StoreConfig;

/**
 * The application's object store, created on first use: with {@code corads.s3.endpoint} it connects there
 * and starts nothing; without, it starts the embedded S3 server and stops it at shutdown. Buckets are created
 * when missing.
 */
@ApplicationScoped
public class Storage {

    @Inject
    S3Settings settings;

    private ObjectStore store;
    private EmbeddedS3Server embedded;

    public synchronized ObjectStore store() {
        if (store == null) {
            StoreConfig.Buckets b = new StoreConfig.Buckets(settings.buckets().scans(), settings.buckets().work(),
                    settings.buckets().models(), settings.buckets().results(), settings.buckets().quarantine());
            StoreConfig c;
            if (settings.endpoint().isPresent()) {
                c = new StoreConfig(settings.endpoint().get(), settings.accessKey().orElseThrow(
                        () -> new IllegalStateException("corads.s3.endpoint is set but CORADS_S3_ACCESS_KEY is not")),
                        settings.secretKey()
                                .orElseThrow(() -> new IllegalStateException(
                                        "corads.s3.endpoint is set but CORADS_S3_SECRET_KEY is not")),
                        settings.region(), b, settings.maxAttempts(), settings.partSizeBytes());
            } else {
                embedded = startEmbedded();
                c = new StoreConfig(embedded.endpoint(), embedded.accessKey(), embedded.secretKey(), settings.region(),
                        b, settings.maxAttempts(), settings.partSizeBytes());
            }
            ObjectStore s = new ObjectStore(c);
            s.ensureBuckets();
            store = s;
        }
        return store;
    }

    /** The embedded server, when one was started. */
    public synchronized Optional<EmbeddedS3Server> embedded() {
        return Optional.ofNullable(embedded);
    }

    private EmbeddedS3Server startEmbedded() {
        try {
            Path lib = settings.embedded().libDir().map(Path::of).orElseGet(Storage::defaultLibDir);
            return EmbeddedS3Server.start(Path.of(settings.embedded().dataDir()), lib,
                    settings.embedded().startTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded S3 server: " + e.getMessage(), e);
        }
    }

    /** {@code s3proxy-lib} beside {@code quarkus-run.jar} (the app's classes sit in {@code quarkus-app/app/}). */
    static Path defaultLibDir() {
        try {
            Path code = Path.of(Storage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path appDir = code.getParent();
            return appDir.resolveSibling("s3proxy-lib");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("pipeline/target/quarkus-app/s3proxy-lib");
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
