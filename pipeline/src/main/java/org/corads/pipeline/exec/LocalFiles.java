package org.corads.pipeline.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.corads.steps.core.ObjectKeys;
import org.corads.steps.core.StepFiles;

/** A step's scratch folder: {@code in/<name><ext>} for staged inputs, {@code out/<name>} for outputs. */
final class LocalFiles implements StepFiles {
    private final Path in;
    private final Path out;
    private final Map<String, Path> inputs = new HashMap<>();

    private final Path state;
    private final Map<String, Long> timingsMs = new ConcurrentSkipListMap<>();

    LocalFiles(Path root, Path state) throws IOException {
        this.in = Files.createDirectories(root.resolve("in"));
        this.out = Files.createDirectories(root.resolve("out"));
        this.state = state;
    }

    /** Reserves the local path of input {@code name}, keeping the source file's extension. */
    Path stage(String name, String sourceFileName) {
        for (String part : name.split("/", -1)) {
            ObjectKeys.segment(part);
        }
        String lower = sourceFileName.toLowerCase(Locale.ROOT);
        String ext = lower.endsWith(".nii.gz")
                ? ".nii.gz"
                : lower.lastIndexOf('.') > 0 ? sourceFileName.substring(lower.lastIndexOf('.')) : "";
        Path p = in.resolve(name.replace('/', '~') + ext);
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
    public SortedMap<String, Path> inputs(String listName) {
        String prefix = (listName.endsWith("*") ? listName.substring(0, listName.length() - 1) : listName) + "/";
        SortedMap<String, Path> m = new TreeMap<>();
        inputs.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    @Override
    public Path stateDir() throws IOException {
        return Files.createDirectories(state);
    }

    @Override
    public void timing(String part, long millis) {
        timingsMs.merge(part, millis, Long::sum);
    }

    /** The timings the step recorded, by part. */
    Map<String, Long> timingsMs() {
        return Map.copyOf(timingsMs);
    }

    @Override
    public Path output(String name) {
        return out.resolve(ObjectKeys.segment(name));
    }
}
