package org.corads.pipeline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;
import org.jboss.logging.Logger;

/**
 * Where the API keeps what it was asked to do, so that a restart loses nothing: for each submitted study,
 * {@code work/api/studies/<id>/study.yaml} (the definition as submitted) and {@code …/status.json} (its last known
 * state), both in the work bucket and digest-checked like every object.
 */
final class StudyLedger {
    private static final Logger LOG = Logger.getLogger(StudyLedger.class);
    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private static final String PREFIX = "api/studies/";

    private final Supplier<ObjectStore> store;

    StudyLedger(Supplier<ObjectStore> store) {
        this.store = store;
    }

    /** A study as recorded: its status and its definition. */
    record Entry(StudyService.Status status, byte[] definition) {}

    void create(StudyService.Status st, byte[] definition) {
        store.get().putBytes(uri(st.id(), "study.yaml"), definition, "application/yaml");
        save(st);
    }

    void save(StudyService.Status st) {
        try {
            store.get().putBytes(uri(st.id(), "status.json"), JSON.writeValueAsBytes(st), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded study; one that cannot be read is logged and skipped, never fatal. */
    List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        String work = store.get().config().buckets().work();
        for (S3Uri u : store.get().list(work, PREFIX)) {
            if (!u.key().endsWith("/status.json")) {
                continue;
            }
            String id = u.key().substring(PREFIX.length(), u.key().length() - "/status.json".length());
            try {
                StudyService.Status st = JSON.readValue(store.get().getBytes(u), StudyService.Status.class);
                out.add(new Entry(st, store.get().getBytes(uri(id, "study.yaml"))));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("study %s: its record cannot be read (%s); left out", id, e.getMessage());
            }
        }
        return out;
    }

    private S3Uri uri(String id, String file) {
        return new S3Uri(store.get().config().buckets().work(), PREFIX + id + "/" + file);
    }
}
