package org.corads.models;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks that a result rests on sensible inputs and models. Each gives a one-line warning, or nothing; the result is
 * still produced (and carries the warning in its JSON and the log), since only a person can tell whether the odd
 * input was meant.
 */
public final class Sanity {
    /**
     * A lesion map marking more than this share of its volume is not a lesion map (COVID-19 lesions rarely exceed it).
     */
    public static final double MAX_LESION_SHARE = 0.5;
    /** A lesion model validated below this Dice gives maps that mislead more than they help. */
    public static final double MIN_LESION_DICE = 0.5;
    /** Members whose grades differ by this much or more disagree. */
    public static final int DISAGREEMENT_SPREAD = 2;
    /** A classifier whose best validation QWK stayed below this. */
    public static final double NEAR_CHANCE = 0.2;

    private Sanity() {}

    /** Channel 1 of a model input: values in [0, 1] and a plausible share of lesion voxels. */
    public static Optional<String> lesionMap(float[] values) {
        if (values.length == 0) {
            return Optional.empty();
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        long marked = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v > 0) {
                marked++;
            }
        }
        if (min < 0 || max > 1 || Float.isNaN(min) || Float.isNaN(max)) {
            return Optional.of(String.format(Locale.ROOT,
                    "lesion map has values in [%.3g, %.3g], outside [0, 1]: is it a lesion map?", min, max));
        }
        double share = (double) marked / values.length;
        if (share > MAX_LESION_SHARE) {
            return Optional.of(String.format(Locale.ROOT,
                    "lesion map marks %.0f %% of the volume as lesion (more than %.0f %%): is it a lesion map, "
                            + "not a CT?",
                    100 * share, 100 * MAX_LESION_SHARE));
        }
        return Optional.empty();
    }

    /** Lesion volume segmented inside the lungs. */
    public static Optional<String> lesionVolume(double lesionMl, double lungMl) {
        return lungMl > 0 && lesionMl / lungMl > MAX_LESION_SHARE
                ? Optional.of(String.format(Locale.ROOT,
                        "lesion model marked %.0f of %.0f ml of lung as lesion (more than %.0f %%): check the lesion "
                                + "map before trusting the grade",
                        lesionMl, lungMl, 100 * MAX_LESION_SHARE))
                : Optional.empty();
    }

    /** A lesion model's validation Dice. */
    public static Optional<String> lesionModel(String model, double validationDice) {
        return validationDice < MIN_LESION_DICE
                ? Optional.of(String.format(Locale.ROOT,
                        "lesion model %s reached validation Dice %.2f only (below %.2f): its lesion maps are "
                                + "unreliable",
                        model, validationDice, MIN_LESION_DICE))
                : Optional.empty();
    }

    /** The members' grades of one scan. */
    public static Optional<String> disagreement(List<Integer> memberGrades) {
        if (memberGrades.size() < 2) {
            return Optional.empty();
        }
        int lo = memberGrades.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int hi = memberGrades.stream().mapToInt(Integer::intValue).max().orElseThrow();
        return hi - lo >= DISAGREEMENT_SPREAD
                ? Optional.of("ensemble members disagree: grades " + memberGrades + " (spread " + (hi - lo)
                        + "); the mean grade hides it")
                : Optional.empty();
    }

    /** A classifier's best validation score. */
    public static Optional<String> nearChance(String model, double bestScore) {
        return bestScore < NEAR_CHANCE
                ? Optional.of(String.format(Locale.ROOT,
                        "model %s: best validation QWK %.2f is near chance (below %.2f): its grades carry little "
                                + "information",
                        model, bestScore, NEAR_CHANCE))
                : Optional.empty();
    }
}
