package org.corads.pipeline.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.corads.datasets.manifest.Importer;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;

/**
 * Uploads a local cohort — the scans of a {@code manifest.csv} (files, and DICOM series folders as prefixes of
 * their slice files), {@code masks/<scan_id>-lesions.mha} where present — under an object prefix, and writes the
 * manifest there with every scan's URI rewritten to its object ({@code s3://bucket/prefix/…}, a series ending in
 * {@code /}). Everything is checked before the first upload: every scan still has the digest the manifest records,
 * lies inside the manifest's folder, and has a valid object key; an object already there is reused when its bytes
 * are the same and refused otherwise — nothing is ever overwritten. The manifest is written last, so a prefix
 * with a manifest holds the whole cohort.
 */
public final class CohortPut {
    private final ObjectStore store;

    /** What was put: the manifest's URI, scans, objects uploaded and objects found already in place. */
    public record Result(String manifest, int scans, int uploaded, int reused) {}

    private record Upload(Path file, S3Uri target) {}

    public CohortPut(ObjectStore store) {
        this.store = store;
    }

    public Result put(Path manifest, String prefixUri) throws IOException {
        String p = prefixUri.endsWith("/") ? prefixUri.substring(0, prefixUri.length() - 1) : prefixUri;
        S3Uri root;
        try {
            root = S3Uri.parse(p);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(prefixUri + ": " + e.getMessage() + " (expected s3://bucket/prefix)");
        }
        List<ManifestRow> rows = Manifests.read(manifest);
        Path base = manifest.toAbsolutePath().normalize().getParent();
        List<Upload> uploads = new ArrayList<>();
        List<ManifestRow> remote = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ManifestRow r : rows) {
            if (r.uri().startsWith("s3://")) {
                remote.add(r);
                continue;
            }
            Path local = base.resolve(r.uri()).normalize();
            boolean series = r.uri().endsWith("/");
            if (!local.startsWith(base) || local.equals(base)) {
                problems.add("scan " + r.scanId() + ": " + r.uri() + " lies outside " + base);
                continue;
            }
            if (series ? !Files.isDirectory(local) : !Files.isRegularFile(local)) {
                problems.add("scan " + r.scanId() + ": " + local + " not found");
                continue;
            }
            String digest = series ? Importer.folderDigest(local) : Sha256.of(local);
            if (r.digest() != null && !r.digest().isBlank() && !r.digest().equalsIgnoreCase(digest)) {
                problems.add("scan " + r.scanId() + ": " + r.uri() + " has changed since it was imported (digest "
                        + digest + ", the manifest says " + r.digest() + ")");
                continue;
            }
            try {
                if (series) {
                    try (Stream<Path> w = Files.walk(local)) {
                        for (Path f : w.filter(Files::isRegularFile).sorted().toList()) {
                            uploads.add(new Upload(f, child(root, base.relativize(f).toString())));
                        }
                    }
                } else {
                    uploads.add(new Upload(local, child(root, r.uri())));
                }
                Path mask = base.resolve("masks").resolve(r.scanId() + "-lesions.mha");
                if (Files.isRegularFile(mask)) {
                    uploads.add(new Upload(mask, child(root, "masks/" + mask.getFileName())));
                }
            } catch (IllegalArgumentException e) {
                problems.add("scan " + r.scanId() + ": " + e.getMessage());
                continue;
            }
            remote.add(new ManifestRow(r.scanId(), r.patientId(),
                    child(root, r.uri().replaceAll("/$", "")) + (series ? "/" : ""), r.label(), r.labelSystem(),
                    r.split(), r.sliceThicknessMm(), digest));
        }
        byte[] csv = Manifests.toCsv(remote).getBytes(StandardCharsets.UTF_8);
        S3Uri manifestUri = child(root, "manifest.csv");
        // one listing says which targets exist; only those are compared, byte digest against file digest
        Set<String> listed = new HashSet<>();
        for (S3Uri u : store.list(root.bucket(), root.key() + "/")) {
            listed.add(u.key());
        }
        List<Upload> there = uploads.stream().filter(u -> listed.contains(u.target().key())).toList();
        problems.addAll(SideBySide.map(there, this::clash).stream().filter(Objects::nonNull).toList());
        boolean manifestThere = listed.contains(manifestUri.key());
        if (manifestThere && !Arrays.equals(store.getBytes(manifestUri), csv)) {
            problems.add(manifestUri + " already exists with another cohort");
        }
        if (!problems.isEmpty()) {
            throw BadInputException.of(manifest,
                    problems.size() + " problem(s), nothing uploaded: " + String.join("; ", problems));
        }
        List<Upload> missing = uploads.stream().filter(u -> !listed.contains(u.target().key())).toList();
        SideBySide.map(missing, u -> store.putFile(u.target(), u.file(), "application/octet-stream"));
        if (!manifestThere) {
            store.putBytes(manifestUri, csv, "text/csv");
        }
        return new Result(manifestUri.toString(), rows.size(), missing.size(), there.size());
    }

    /** Why an object already at an upload's target cannot stand for its file, or null when it can (same bytes). */
    private String clash(Upload u) {
        try {
            return store.digestOf(u.target()).equals(Sha256.of(u.file()))
                    ? null
                    : u.target() + " already exists with other bytes";
        } catch (IOException e) {
            return u.file() + " cannot be read: " + e.getMessage();
        }
    }

    private static S3Uri child(S3Uri root, String relative) {
        return new S3Uri(root.bucket(), root.key() + "/" + relative.replace('\\', '/'));
    }
}
