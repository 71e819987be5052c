package org.corads.pipeline.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.corads.pipeline.storage.Etags;
import org.corads.steps.io.BadInputException;

/**
 * Bucket notifications as MinIO's webhook target and AWS S3 send them: a JSON object whose {@code Records} each
 * carry {@code eventName}, {@code s3.bucket.name} and {@code s3.object.key}/{@code eTag}/{@code size}. Every
 * record of a batch is read; only {@code ObjectCreated} events are kept (MinIO names them
 * {@code s3:ObjectCreated:Put}, AWS {@code ObjectCreated:Put}). Keys arrive URL-encoded (MinIO query-escapes
 * {@code /} and space, AWS form-encodes) and are decoded. AWS's {@code s3:TestEvent} has no records and yields
 * none. Anything else is refused with one line.
 */
public final class S3Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECORDS = 10_000;

    private S3Events() {}

    /** The objects created, in the order of the records. */
    public static List<ObjectCreated> parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadInputException("event body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("event body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException("event body must be a JSON object with 'Records'");
        }
        JsonNode records = root.get("Records");
        if (records == null || records.isNull()) {
            if (root.path("Event").asText().endsWith("TestEvent")) {
                return List.of();
            }
            throw new BadInputException("event body has no 'Records' (expected a MinIO or AWS S3 notification)");
        }
        if (!records.isArray()) {
            throw new BadInputException("'Records' must be an array");
        }
        if (records.size() > MAX_RECORDS) {
            throw new BadInputException("'Records' holds " + records.size() + " entries; at most " + MAX_RECORDS);
        }
        List<ObjectCreated> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String name = r.path("eventName").asText("");
            if (!name.contains("ObjectCreated")) {
                continue;
            }
            String bucket = text(r, i, "s3", "bucket", "name");
            String raw = text(r, i, "s3", "object", "key");
            String key;
            try {
                key = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("Records[" + i + "].s3.object.key is not URL-encoded: " + e.getMessage());
            }
            JsonNode o = r.path("s3").path("object");
            String etag = o.hasNonNull("eTag") ? Etags.plain(o.get("eTag").asText()) : null;
            long size = o.path("size").asLong(-1);
            out.add(new ObjectCreated(bucket, key, etag, size));
        }
        return out;
    }

    private static String text(JsonNode r, int i, String... path) {
        JsonNode n = r;
        for (String p : path) {
            n = n.path(p);
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new BadInputException("Records[" + i + "] lacks " + String.join(".", path));
        }
        return n.asText();
    }
}
