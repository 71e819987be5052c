package org.corads.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test kit: locates the real CT data in {@code ../shared/data/ct} (property {@code corads.shared.dir}). */
public final class SharedData {

    private SharedData() {}

    public static Path ct(String name) {
        Path dir = Path.of(System.getProperty("corads.shared.dir", "../../shared"), "data", "ct");
        Path f = dir.resolve(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException(
                    "real CT test data missing: " + f + " (expected the shared/ folder beside the checkout)");
        }
        return f;
    }
}
