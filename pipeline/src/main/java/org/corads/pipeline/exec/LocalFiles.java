package org.corads.pipeline.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.corads.steps.core.ObjectKeys;
import org.corads.steps.core.StepFiles;

/** A step's scratch folder: {@code in/<name><ext>} for staged inputs, {@code out/<name>} for outputs. */
final class LocalFiles implements StepFiles {
    private final Path in;
    private final Path out;
    private final Map<String, Path> inputs = new HashMap<>();

    LocalFiles(Path root) throws IOException {
        this.in = Files.createDirectories(root.resolve("in"));
        this.out = Files.createDirectories(root.resolve("out"));
    }

    /** Reserves the local path of input {@code name}, keeping the source file's extension. */
    Path stage(String name, String sourceFileName) {
        ObjectKeys.segment(name);
        String lower = sourceFileName.toLowerCase(java.util.Locale.ROOT);
        String ext = lower.endsWith(".nii.gz") ? ".nii.gz"
                : lower.lastIndexOf('.') > 0 ? sourceFileName.substring(lower.lastIndexOf('.')) : "";
        Path p = in.resolve(name + ext);
        inputs.put(name, p);
        return p;
    }

    @Override
    public Path input(String name) {
        Path p = inputs.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no staged input '" + name + "'");
        }
        return p;
    }

    @Override
    public Path output(String name) {
        return out.resolve(ObjectKeys.segment(name));
    }
}
