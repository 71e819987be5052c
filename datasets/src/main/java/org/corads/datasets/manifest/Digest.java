package org.corads.datasets.manifest;

import java.nio.file.Path;

/** SHA-256 of a file, as recorded in manifests. */
public final class Digest {

    private Digest() {
    }

    public static String sha256(Path file) {
        return Importer.sha256(file);
    }
}
