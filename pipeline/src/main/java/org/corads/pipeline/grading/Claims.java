package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.Sha256;

/**
 * The durable, shared record of grading, in the work bucket, so that every replica and every restart agree:
 *
 * <ul>
 * <li>{@code grading/claims/<version id>.json}: a scan version was accepted. Written with a conditional PUT, so of
 * any number of notifications, polls and replicas exactly one claims a version; written before an event is
 * acknowledged, so nothing accepted is lost.
 * <li>{@code grading/done/<version id>}: its result is written. A claim without it is pending and is graded
 * after a restart or when the queue has room again.
 * <li>{@code grading/series/<prefix digest>.json}: a DICOM series that received slices and is waiting to go quiet.
 * </ul>
 */
public final class Claims {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAIMS = "grading/claims/";
    private static final String DONE = "grading/done/";
    private static final String SERIES = "grading/series/";

    private final Supplier<ObjectStore> store;

    public Claims(Supplier<ObjectStore> store) {
        this.store = store;
    }

    private String work() {
        return store.get().config().buckets().work();
    }

    /** Claims a version; true for the one caller that claimed it first. */
    public boolean claim(ScanVersion v) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("bucket", v.bucket());
        doc.put("key", v.key());
        doc.put("etag", v.etag());
        doc.put("kind", v.kind());
        doc.put("claimedAt", Instant.now().toString());
        return store.get().putIfAbsent(new S3Uri(work(), CLAIMS + v.id() + ".json"), bytes(doc), "application/json");
    }

    public boolean isClaimed(ScanVersion v) {
        return store.get().stat(new S3Uri(work(), CLAIMS + v.id() + ".json")).isPresent();
    }

    /** Gives a claim up (nothing was graded), so the version can be claimed again. */
    public void release(ScanVersion v) {
        store.get().remove(new S3Uri(work(), CLAIMS + v.id() + ".json"));
    }

    /** Marks a version's result written. */
    public void done(ScanVersion v) {
        store.get().putBytes(new S3Uri(work(), DONE + v.id()), new byte[0], "application/octet-stream");
    }

    /** Claimed versions whose result is not written yet, oldest claim first. */
    public List<ScanVersion> pending() {
        Set<String> done = new HashSet<>();
        for (ObjectStore.Listed l : store.get().listDetailed(work(), DONE)) {
            done.add(l.uri().key().substring(DONE.length()));
        }
        List<ObjectStore.Listed> claims = new ArrayList<>(store.get().listDetailed(work(), CLAIMS));
        claims.sort((a, b) -> a.lastModified() == null || b.lastModified() == null
                ? 0
                : a.lastModified().compareTo(b.lastModified()));
        List<ScanVersion> out = new ArrayList<>();
        for (ObjectStore.Listed l : claims) {
            String name = l.uri().key().substring(CLAIMS.length());
            if (!name.endsWith(".json") || done.contains(name.substring(0, name.length() - 5))) {
                continue;
            }
            out.add(read(store.get().getBytes(l.uri())));
        }
        return out;
    }

    /** Remembers that a series received a slice (it is graded once it goes quiet). */
    public void noteSeries(String bucket, String prefix) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("bucket", bucket);
        doc.put("prefix", prefix);
        store.get().putBytes(seriesMarker(bucket, prefix), bytes(doc), "application/json");
    }

    /** Series waiting to go quiet: {bucket, prefix} pairs. */
    public List<String[]> waitingSeries() {
        List<String[]> out = new ArrayList<>();
        for (ObjectStore.Listed l : store.get().listDetailed(work(), SERIES)) {
            try {
                var n = JSON.readTree(store.get().getBytes(l.uri()));
                out.add(new String[]{n.get("bucket").asText(), n.get("prefix").asText()});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public void forgetSeries(String bucket, String prefix) {
        store.get().remove(seriesMarker(bucket, prefix));
    }

    private S3Uri seriesMarker(String bucket, String prefix) {
        return new S3Uri(work(), SERIES + Sha256.of(bucket + "/" + prefix) + ".json");
    }

    private static ScanVersion read(byte[] doc) {
        try {
            var n = JSON.readTree(doc);
            return new ScanVersion(n.get("bucket").asText(), n.get("key").asText(), n.get("etag").asText(),
                    ScanKind.valueOf(n.get("kind").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Object doc) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
