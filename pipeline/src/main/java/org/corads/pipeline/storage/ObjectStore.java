package org.corads.pipeline.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.corads.steps.core.Sha256;

/**
 * Object storage on the MinIO Java client: streaming put/get of files and small documents, each object's
 * SHA-256 recorded as user metadata ({@code x-amz-meta-sha256}) and verified on every download (files and small
 * documents alike); multipart above
 * the configured part size; bounded retries with exponential backoff on connection errors and 5xx answers;
 * authentication failures reported at once, never retried.
 */
public final class ObjectStore {
    public static final String DIGEST_META = "sha256";

    private final StoreConfig config;
    private final MinioClient client;
    private final AtomicLong requests = new AtomicLong();
    private final Retry retry;

    public ObjectStore(StoreConfig config) {
        this.config = config;
        // idle connections are kept for fewer seconds than servers keep them open (Jetty, S3Proxy's server: 30 s),
        // as many as requests go side by side (SideBySide)
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(SideBySide.REQUESTS, 20, TimeUnit.SECONDS))
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(5, TimeUnit.MINUTES).writeTimeout(5, TimeUnit.MINUTES)
                .addInterceptor(chain -> {
                    requests.incrementAndGet();
                    return chain.proceed(chain.request());
                }).build();
        this.client = MinioClient.builder().endpoint(config.endpoint()).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).httpClient(http).build();
        this.retry = new Retry(config.endpoint(), config.maxAttempts(), http.connectionPool()::evictAll);
    }

    public StoreConfig config() {
        return config;
    }

    /** HTTP requests sent so far (retries included). */
    public long requestCount() {
        return requests.get();
    }

    /** Whether the server answers at all now: one request, no retries (any answer, even an error, counts). */
    public boolean reachable() {
        try {
            client.bucketExists(BucketExistsArgs.builder().bucket(config.buckets().work()).build());
            return true;
        } catch (IOException | ServerException e) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** Creates the configured buckets that do not exist yet. */
    public void ensureBuckets() {
        for (String b : config.buckets().all()) {
            retry.run("check bucket " + b, () -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(b).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(b).build());
                }
                return null;
            });
        }
    }

    /** Uploads a file; returns its SHA-256 (hex), also stored as metadata. */
    public String putFile(S3Uri uri, Path file, String contentType) {
        String digest;
        try {
            digest = Sha256.of(file);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), false, e);
        }
        long size = sizeOf(file);
        retry.run("put " + uri, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                client.putObject(PutObjectArgs.builder().bucket(uri.bucket()).object(uri.key())
                        .stream(in, size, config.partSizeBytes()).contentType(contentType)
                        .userMetadata(Map.of(DIGEST_META, digest)).build());
            }
            return null;
        });
        return digest;
    }

    /** Uploads a small document; returns its SHA-256. */
    public String putBytes(S3Uri uri, byte[] bytes, String contentType) {
        String digest = Sha256.of(bytes);
        retry.run("put " + uri, () -> {
            client.putObject(PutObjectArgs.builder().bucket(uri.bucket()).object(uri.key())
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType)
                    .userMetadata(Map.of(DIGEST_META, digest)).build());
            return null;
        });
        return digest;
    }

    /**
     * Writes a small document only if no object exists under {@code uri} (a conditional PUT with
     * {@code If-None-Match: *}, atomic on S3, MinIO and S3Proxy): of any number of writers racing for one key,
     * exactly one wins. This is how grading claims a scan version and writes its result once.
     *
     * @return true when this call created the object, false when one was already there
     */
    public boolean putIfAbsent(S3Uri uri, byte[] bytes, String contentType) {
        String digest = Sha256.of(bytes);
        return retry.run("put-if-absent " + uri, () -> {
            try {
                client.putObject(PutObjectArgs.builder().bucket(uri.bucket()).object(uri.key())
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType)
                        .headers(Map.of("If-None-Match", "*")).userMetadata(Map.of(DIGEST_META, digest)).build());
                return true;
            } catch (ErrorResponseException e) {
                if ("PreconditionFailed".equals(e.errorResponse().code()) || e.response().code() == 412) {
                    return false;
                }
                throw e;
            }
        });
    }

    /**
     * Downloads to a file (atomically: a partial download never appears under {@code dest}), verifying the
     * SHA-256 against {@code expectedSha256} when given, else against the object's recorded digest.
     *
     * @return the SHA-256 of the bytes received
     */
    public String getFile(S3Uri uri, Path dest, String expectedSha256) {
        Path part = dest.resolveSibling(dest.getFileName() + ".part");
        String digest;
        try {
            digest = download(uri, part, expectedSha256);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
        try {
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("cannot move download to " + dest + ": " + e.getMessage(), false, e);
        }
        return digest;
    }

    private String download(S3Uri uri, Path part, String expectedSha256) {
        return retry.run("get " + uri, () -> {
            try (GetObjectResponse r = client
                    .getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
                    DigestInputStream in = new DigestInputStream(r, Sha256.newDigest());
                    OutputStream out = new LocalFile(part)) {
                in.transferTo(out);
                String got = HexFormat.of().formatHex(in.getMessageDigest().digest());
                String want = expectedSha256 != null ? expectedSha256 : r.headers().get("x-amz-meta-" + DIGEST_META);
                if (want != null && !want.equals(got)) {
                    Files.deleteIfExists(part);
                }
                checkDigest(uri, want, got);
                return got;
            }
        });
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // the download failed already; a leftover .part is never read
        }
    }

    /**
     * The local side of a download: a failed write (a full disk) is not the server's fault, so it is thrown as a
     * {@link StorageException}, which is never retried, with the local I/O error as its cause.
     */
    private static final class LocalFile extends FilterOutputStream {
        private final Path file;

        LocalFile(Path file) throws IOException {
            super(Files.newOutputStream(file));
            this.file = file;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private StorageException failed(IOException e) {
            return new StorageException("cannot write " + file + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * Downloads a small object, verifying its SHA-256 against the digest recorded with it (objects written without
     * one, such as a user's own uploads, are returned as they are).
     */
    public byte[] getBytes(S3Uri uri) {
        return getBytes(uri, null);
    }

    /**
     * Downloads a small object, verifying its SHA-256 against {@code expectedSha256} when given, else against the
     * digest recorded with it; a mismatch is a {@link StorageException} and no bytes are returned.
     */
    public byte[] getBytes(S3Uri uri, String expectedSha256) {
        return retry.run("get " + uri, () -> {
            try (GetObjectResponse r = client
                    .getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build())) {
                byte[] bytes = r.readAllBytes();
                String want = expectedSha256 != null ? expectedSha256 : r.headers().get("x-amz-meta-" + DIGEST_META);
                checkDigest(uri, want, Sha256.of(bytes));
                return bytes;
            }
        });
    }

    /** SHA-256 of an object's content as stored now, computed by streaming it (never the recorded digest). */
    public String contentDigest(S3Uri uri) {
        return retry.run("digest " + uri, () -> {
            try (GetObjectResponse r = client
                    .getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
                    DigestInputStream in = new DigestInputStream(r, Sha256.newDigest())) {
                in.transferTo(OutputStream.nullOutputStream());
                return HexFormat.of().formatHex(in.getMessageDigest().digest());
            }
        });
    }

    private static void checkDigest(S3Uri uri, String want, String got) {
        if (want != null && !want.equals(got)) {
            throw new CorruptObjectException(uri, want, got);
        }
    }

    /** Metadata of an object, or empty when it does not exist. */
    public Optional<ObjectInfo> stat(S3Uri uri) {
        return retry.run("stat " + uri, () -> {
            try {
                StatObjectResponse r = client
                        .statObject(StatObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
                return Optional.of(new ObjectInfo(uri, r.size(), Optional.ofNullable(r.userMetadata().get(DIGEST_META)),
                        Etags.plain(r.etag()), r.lastModified() == null ? null : r.lastModified().toInstant()));
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** SHA-256 of an object: the recorded digest, else computed by streaming it (the object is not modified). */
    public String digestOf(S3Uri uri) {
        ObjectInfo info = stat(uri).orElseThrow(() -> new StorageException(uri + ": no such object", false, null));
        if (info.sha256().isPresent()) {
            return info.sha256().get();
        }
        return contentDigest(uri);
    }

    public List<S3Uri> list(String bucket, String prefix) {
        return retry.run("list s3://" + bucket + "/" + prefix, () -> {
            List<S3Uri> out = new ArrayList<>();
            for (Result<Item> r : client
                    .listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                out.add(new S3Uri(bucket, r.get().objectName()));
            }
            return out;
        });
    }

    /** The objects under a prefix with their ETag, size and last-modified time (recursive, in key order). */
    public List<Listed> listDetailed(String bucket, String prefix) {
        return retry.run("list s3://" + bucket + "/" + prefix, () -> {
            List<Listed> out = new ArrayList<>();
            for (Result<Item> r : client
                    .listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                Item i = r.get();
                if (!i.isDir()) {
                    out.add(new Listed(new S3Uri(bucket, i.objectName()), Etags.plain(i.etag()), i.size(),
                            i.lastModified() == null ? null : i.lastModified().toInstant()));
                }
            }
            return out;
        });
    }

    /**
     * One object of a listing.
     *
     * @param etag         the ETag without quotes
     * @param lastModified when it was last written (null when the server does not say)
     */
    public record Listed(S3Uri uri, String etag, long size, Instant lastModified) {}

    public void remove(S3Uri uri) {
        retry.run("remove " + uri, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
            return null;
        });
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new StorageException("cannot read " + f + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * What storage knows of an object.
     *
     * @param sha256       recorded digest, when the object was written with one
     * @param etag         the ETag without quotes
     * @param lastModified when it was last written (null when the server does not say)
     */
    public record ObjectInfo(S3Uri uri, long size, Optional<String> sha256, String etag, Instant lastModified) {}
}
