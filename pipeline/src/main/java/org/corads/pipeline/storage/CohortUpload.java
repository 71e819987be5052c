package org.corads.pipeline.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.CohortWriter;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.FileTrees;

/**
 * Generates a synthetic cohort straight into object storage under a prefix: scans, masks, {@code lesions.csv},
 * {@code manifest.csv} (URIs into the bucket, with the splits) and {@code cohort.json} (the cohort's parameters, and
 * its split fractions when they are not the standard ones), written last. A prefix whose {@code cohort.json} matches
 * is reused: nothing is generated again; one that holds another cohort is refused, never overwritten.
 */
public final class CohortUpload {
    private final ObjectStore store;

    public CohortUpload(ObjectStore store) {
        this.store = store;
    }

    /** @return the manifest's URI */
    public String upload(SyntheticCohort cohort, Splits splits, String prefixUri, Consumer<String> progress)
            throws IOException {
        S3Uri base = S3Uri.parse(prefixUri.endsWith("/") ? prefixUri + "cohort.json" : prefixUri + "/cohort.json");
        String prefix = base.key().substring(0, base.key().length() - "cohort.json".length());
        S3Uri marker = new S3Uri(base.bucket(), prefix + "cohort.json");
        S3Uri manifestUri = new S3Uri(base.bucket(), prefix + "manifest.csv");
        byte[] params = marker(cohort, splits).getBytes(StandardCharsets.UTF_8);
        if (store.stat(marker).isPresent()) {
            byte[] there = store.getBytes(marker);
            if (!Arrays.equals(there, params)) {
                throw new BadInputException(prefixUri + " holds another cohort (its cohort.json differs: "
                        + new String(there, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip()
                        + "); choose another prefix");
            }
            progress.accept("cohort already in " + prefixUri + "; reusing it");
            return manifestUri.toString();
        }
        Path tmp = Files.createTempDirectory("cohort");
        try {
            List<ManifestRow> local = CohortWriter.write(cohort, tmp, splits, progress);
            List<ManifestRow> remote = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (ManifestRow r : local) {
                S3Uri scan = new S3Uri(base.bucket(), prefix + r.uri());
                files.add(r.uri());
                files.add("masks/" + r.scanId() + "-lesions.mha");
                remote.add(new ManifestRow(r.scanId(), r.patientId(), scan.toString(), r.label(), r.labelSystem(),
                        r.split(), r.sliceThicknessMm(), r.digest()));
            }
            SideBySide.map(files, f -> store.putFile(new S3Uri(base.bucket(), prefix + f), tmp.resolve(f),
                    "application/octet-stream"));
            store.putFile(new S3Uri(base.bucket(), prefix + "lesions.csv"), tmp.resolve("lesions.csv"), "text/csv");
            store.putBytes(manifestUri, Manifests.toCsv(remote).getBytes(StandardCharsets.UTF_8), "text/csv");
            store.putBytes(marker, params, "application/json");
            return manifestUri.toString();
        } finally {
            FileTrees.delete(tmp);
        }
    }

    /** The cohort's parameters; the split assignment too unless it is the standard one with the cohort's seed. */
    static String marker(SyntheticCohort cohort, Splits splits) {
        if (splits.equals(Splits.standard(cohort.seed()))) {
            return CanonicalJson.of(cohort);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cohort", cohort);
        m.put("splits", splits);
        return CanonicalJson.of(m);
    }
}
