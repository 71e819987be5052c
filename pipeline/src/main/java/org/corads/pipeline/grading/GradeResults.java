package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;

/**
 * Results in the results bucket: {@code grades/<scan key>.json} and beside it {@code grades/<scan key>.png} (for a
 * DICOM series the key is its prefix). One result per scan version: a result for the same ETag is never written
 * twice (the first write is a conditional PUT, so two replicas cannot both write one); a new version of the scan
 * (another ETag) replaces the result of the old one.
 */
public final class GradeResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ObjectStore> store;

    public GradeResults(Supplier<ObjectStore> store) {
        this.store = store;
    }

    public S3Uri json(ScanVersion v) {
        return new S3Uri(store.get().config().buckets().results(), "grades/" + v.key() + ".json");
    }

    public S3Uri png(ScanVersion v) {
        return new S3Uri(store.get().config().buckets().results(), "grades/" + v.key() + ".png");
    }

    /** The result written for this scan key, if any. */
    public Optional<JsonNode> read(ScanVersion v) {
        S3Uri uri = json(v);
        if (store.get().stat(uri).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(store.get().getBytes(uri)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the result of {@code v} unless one for this version is there already.
     *
     * @return true when this call wrote it
     */
    public boolean write(ScanVersion v, Map<String, Object> document, byte[] montage) {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<JsonNode> old = read(v);
        if (old.isPresent() && v.etag().equals(old.get().path("etag").asText())) {
            return false;
        }
        if (montage != null) {
            store.get().putBytes(png(v), montage, "image/png");
        }
        if (old.isEmpty()) {
            return store.get().putIfAbsent(json(v), bytes, "application/json");
        }
        store.get().putBytes(json(v), bytes, "application/json");
        return true;
    }
}
