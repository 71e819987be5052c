package org.corads.pipeline.grading;

import java.util.List;
import java.util.Locale;

/**
 * Which objects of the scans bucket are scans: {@code .nii}, {@code .nii.gz} and {@code .mha} files are scans of
 * their own; any other object under a prefix is a slice of the DICOM series that the prefix holds. Objects under an
 * ignored prefix (study cohorts), documents ({@code .csv}, {@code .json}, {@code .txt}, {@code .md},
 * {@code .yaml}), MetaImage header/raw pairs (two objects: not supported in a bucket) and slices at the bucket's
 * root are not scans.
 */
public final class ScanObjects {
    private static final List<String> FILES = List.of(".nii.gz", ".nii", ".mha");
    private static final List<String> NOT_SCANS = List.of(".csv", ".json", ".txt", ".md", ".yaml", ".yml", ".mhd",
            ".raw", ".zraw", ".png", ".html");

    /** What an object is. */
    public enum Role {
        FILE, SLICE, IGNORED
    }

    private final List<String> ignoredPrefixes;

    /** @param ignoredPrefixes keys starting with one of these are never scans (e.g. {@code synthetic/}) */
    public ScanObjects(List<String> ignoredPrefixes) {
        this.ignoredPrefixes = List.copyOf(ignoredPrefixes);
    }

    public Role role(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (key.endsWith("/") || ignoredPrefixes.stream().anyMatch(p -> !p.isEmpty() && key.startsWith(p))) {
            return Role.IGNORED;
        }
        if (FILES.stream().anyMatch(k::endsWith)) {
            return Role.FILE;
        }
        if (NOT_SCANS.stream().anyMatch(k::endsWith) || !key.contains("/")) {
            return Role.IGNORED;
        }
        return Role.SLICE;
    }

    /** The series a slice belongs to: its prefix without the trailing slash. */
    public static String seriesOf(String sliceKey) {
        return sliceKey.substring(0, sliceKey.lastIndexOf('/'));
    }
}
