package org.corads.pipeline.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Splits;
import org.corads.steps.eval.LabelSystem;
import org.corads.steps.io.BadInputException;

/**
 * What a study's dataset must hold for a run to succeed, checked before anything runs (a run that would fail at
 * its last step after training everything is refused up front): every scan in a split; scans in train, validation
 * (early stopping) and test (evaluation); positives and negatives of the label system in train and in test, so
 * that the classifiers see both and the test AUC is defined; every label of the test split also in training.
 */
public final class Feasibility {
    private Feasibility() {}

    /** Everything that keeps a study on these rows from succeeding; empty when nothing does. */
    public static List<String> problems(List<ManifestRow> rows) {
        List<String> out = new ArrayList<>();
        if (rows.isEmpty()) {
            out.add("the dataset has no scans");
            return out;
        }
        Map<String, List<ManifestRow>> bySplit = new LinkedHashMap<>();
        Splits.NAMES.forEach(s -> bySplit.put(s, new ArrayList<>()));
        List<String> unassigned = new ArrayList<>();
        for (ManifestRow r : rows) {
            List<ManifestRow> in = bySplit.get(r.split());
            if (in == null) {
                unassigned.add(r.scanId());
            } else {
                in.add(r);
            }
        }
        if (!unassigned.isEmpty()) {
            out.add(unassigned.size() + " scan(s) in no split (" + examples(unassigned)
                    + "): import assigns splits, or give a split column");
        }
        String counts = counts(rows.size(), bySplit);
        for (String split : Splits.NAMES) {
            if (bySplit.get(split).isEmpty()) {
                out.add("the " + split + " split is empty (" + counts + "): " + purpose(split));
            }
        }
        for (String split : List.of("train", "test")) {
            List<ManifestRow> in = bySplit.get(split);
            if (in.isEmpty()) {
                continue;
            }
            Set<Boolean> classes = new TreeSet<>();
            in.forEach(r -> positive(r).ifPresent(classes::add));
            if (classes.size() < 2) {
                String missing = classes.contains(Boolean.TRUE)
                        ? "negative"
                        : classes.isEmpty() ? "labelled" : "positive";
                out.add("the " + split + " split has no " + missing + " scan (" + in.size() + " scans): "
                        + (split.equals("test") ? "the AUC is undefined" : "the classifiers cannot learn the task"));
            }
        }
        Set<String> trained = new TreeSet<>();
        bySplit.get("train").forEach(r -> trained.add(r.label()));
        Set<String> untrained = new TreeSet<>();
        bySplit.get("test").stream().map(ManifestRow::label).filter(l -> !trained.contains(l)).forEach(untrained::add);
        if (!bySplit.get("train").isEmpty() && !untrained.isEmpty()) {
            out.add("label(s) " + untrained + " of the test split never occur in training");
        }
        return out;
    }

    /**
     * What keeps an external test set from being evaluated: no scans, or not both positives and negatives (its AUC
     * would be undefined). Its splits do not matter: every scan of it is a test scan.
     */
    public static List<String> externalProblems(List<ManifestRow> rows) {
        if (rows.isEmpty()) {
            return List.of("the external test set has no scans");
        }
        Set<Boolean> classes = new TreeSet<>();
        rows.forEach(r -> positive(r).ifPresent(classes::add));
        if (classes.size() == 2) {
            return List.of();
        }
        String missing = classes.contains(Boolean.TRUE) ? "negative" : classes.isEmpty() ? "labelled" : "positive";
        return List.of(
                "the external test set has no " + missing + " scan (" + rows.size() + " scans): its AUC is undefined");
    }

    /** Refuses, in one line, an external test set that cannot be evaluated. */
    public static void requireExternal(List<ManifestRow> rows, String manifest) {
        List<String> p = externalProblems(rows);
        if (!p.isEmpty()) {
            throw new BadInputException(refusal(p, manifest));
        }
    }

    /** Refuses, in one line, a study whose dataset cannot carry it. */
    public static void require(List<ManifestRow> rows, String dataset) {
        List<String> p = problems(rows);
        if (!p.isEmpty()) {
            throw new BadInputException(refusal(p, dataset));
        }
    }

    /** The one line that refuses a study for these problems of its dataset. */
    public static String refusal(List<String> problems, String dataset) {
        return "the study cannot succeed on " + dataset + ": " + String.join("; ", problems);
    }

    /** {@code 12 scans: 10 train, 2 validation, 0 test}. */
    static String counts(int total, Map<String, List<ManifestRow>> bySplit) {
        StringBuilder b = new StringBuilder(total + " scans:");
        String sep = " ";
        for (String s : Splits.NAMES) {
            b.append(sep).append(bySplit.get(s).size()).append(' ').append(s);
            sep = ", ";
        }
        return b.toString();
    }

    private static String purpose(String split) {
        return switch (split) {
            case "train" -> "nothing to train on";
            case "validation" -> "nothing to stop training early on";
            default -> "nothing to evaluate the arms on; use more scans or assign splits";
        };
    }

    private static Optional<Boolean> positive(ManifestRow r) {
        try {
            return LabelSystem.valueOf(r.labelSystem().toUpperCase(Locale.ROOT)).positive(r.label());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String examples(List<String> ids) {
        return ids.size() <= 3 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 3)) + ", …";
    }
}
