package org.corads.pipeline.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;

/**
 * A deployed ensemble found at its location, every file it names resolved to an object in storage and checked
 * against the digest {@code ensemble.json} records. A location is {@code s3://bucket/prefix/} (the folder holding
 * {@code ensemble.json}, or the file itself) or a local folder; a local folder's files are uploaded once into the
 * models bucket under {@code deployed/<sha256>/} (content-addressed: the same file is stored once).
 *
 * @param location the location as given
 * @param ensemble the document
 * @param id       SHA-256 of {@code ensemble.json}: names this deployment in results and metrics
 * @param files    each path of the document → its object ({@code s3://…})
 */
public record ResolvedEnsemble(String location, DeployedEnsemble ensemble, String id, Map<String, String> files) {
    private static final ObjectMapper JSON = CanonicalJson.mapper();

    /** Reads and checks the ensemble at {@code location}; a missing or changed file is refused with one line. */
    public static ResolvedEnsemble at(String location, ObjectStore store) throws IOException {
        byte[] doc;
        String base;
        boolean local = !location.startsWith("s3://");
        if (local) {
            Path dir = Path.of(location);
            Path file = Files.isDirectory(dir) ? dir.resolve(DeployedEnsemble.FILE) : dir;
            if (!Files.isRegularFile(file)) {
                throw BadInputException.of(file, "no such ensemble (expected " + DeployedEnsemble.FILE
                        + " as a study publishes it under models/<study>/<arm>/)");
            }
            doc = Files.readAllBytes(file);
            base = file.toAbsolutePath().getParent().toUri().toString();
        } else {
            String u = location.endsWith(DeployedEnsemble.FILE)
                    ? location
                    : location + (location.endsWith("/") ? "" : "/") + DeployedEnsemble.FILE;
            S3Uri uri = S3Uri.parse(u);
            if (store.stat(uri).isEmpty()) {
                throw new BadInputException(location + ": no " + DeployedEnsemble.FILE + " there (a study publishes "
                        + "one per arm under s3://<models bucket>/<study>/<arm>/)");
            }
            doc = store.getBytes(uri);
            base = u.substring(0, u.lastIndexOf('/') + 1);
        }
        DeployedEnsemble e;
        try {
            e = JSON.readValue(doc, DeployedEnsemble.class);
        } catch (IOException ex) {
            throw new BadInputException(location + ": " + DeployedEnsemble.FILE + " cannot be read: "
                    + ex.getMessage().lines().findFirst().orElse(""));
        }
        if (e == null) {
            throw new BadInputException(location + ": " + DeployedEnsemble.FILE + " holds no ensemble (JSON null)");
        }
        if (!e.deployable()) {
            throw new BadInputException(location + ": the ensemble of arm " + e.arm() + " cannot grade new scans: "
                    + e.notDeployableBecause());
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (DeployedEnsemble.Member m : e.members()) {
            files.put(m.params(), resolve(store, base, m.params(), m.paramsSha256(), local));
            files.put(m.card(), resolve(store, base, m.card(), m.cardSha256(), local));
        }
        if (e.lesionModel() != null) {
            DeployedEnsemble.LesionModel l = e.lesionModel();
            files.put(l.params(), resolve(store, base, l.params(), l.paramsSha256(), local));
            files.put(l.card(), resolve(store, base, l.card(), l.cardSha256(), local));
        }
        return new ResolvedEnsemble(location, e, Sha256.of(doc), Map.copyOf(files));
    }

    private static String resolve(ObjectStore store, String base, String relative, String sha256, boolean local)
            throws IOException {
        if (local) {
            Path f = Path.of(URI.create(base).resolve(relative));
            if (!Files.isRegularFile(f)) {
                throw BadInputException.of(f, "is named by the ensemble but missing");
            }
            String got = Sha256.of(f);
            if (!got.equals(sha256)) {
                throw BadInputException.of(f,
                        "has digest " + got + ", the ensemble records " + sha256 + " (changed since it was published)");
            }
            S3Uri to = new S3Uri(store.config().buckets().models(), "deployed/" + got + "/" + f.getFileName());
            if (store.stat(to).isEmpty()) {
                store.putFile(to, f, "application/octet-stream");
            }
            return to.toString();
        }
        String uri = normalise(base + relative);
        S3Uri u = S3Uri.parse(uri);
        if (store.stat(u).isEmpty()) {
            throw new BadInputException(uri + ": named by the ensemble but missing");
        }
        String got = store.digestOf(u);
        if (!got.equals(sha256)) {
            throw new BadInputException(
                    uri + ": digest " + got + ", the ensemble records " + sha256 + " (changed since it was published)");
        }
        return uri;
    }

    /** {@code s3://b/a/x/../y} → {@code s3://b/a/y}. */
    static String normalise(String s3) {
        String rest = s3.substring("s3://".length());
        int slash = rest.indexOf('/');
        String path = URI.create("s3://h/" + rest.substring(slash + 1)).normalize().getPath().substring(1);
        if (path.startsWith("../")) {
            throw new BadInputException(s3 + ": leaves its bucket");
        }
        return new S3Uri(rest.substring(0, slash), path).toString();
    }

    /** The object of a path the document names. */
    public String object(String relative) {
        String o = files.get(relative);
        if (o == null) {
            throw new IllegalArgumentException("the ensemble does not name " + relative);
        }
        return o;
    }
}
