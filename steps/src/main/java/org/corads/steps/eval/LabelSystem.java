package org.corads.steps.eval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.corads.steps.io.BadInputException;

/**
 * How a dataset labels scans, and the binary split for ROC analysis (SPEC §6):
 * CO-RADS 1–5 (negative 1–2, positive 3–5; the grade is the label); iCTCF (Control negative; Mild, Regular,
 * Severe, Critically ill positive; Suspected excluded); MosMedData CT-0…CT-4 (CT-0 negative).
 */
public enum LabelSystem {
    CORADS(List.of("1", "2", "3", "4", "5")), ICTCF(
            List.of("Control", "Mild", "Regular", "Severe", "Critically ill", "Suspected")), MOSMED(
                    List.of("CT-0", "CT-1", "CT-2", "CT-3", "CT-4"));

    private final List<String> labels;

    LabelSystem(List<String> labels) {
        this.labels = labels;
    }

    public List<String> labels() {
        return labels;
    }

    /** The system a label belongs to, if any. */
    public static Optional<LabelSystem> ofLabel(String label) {
        for (LabelSystem s : values()) {
            if (s.canonical(label).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The label as this system spells it (case-insensitive match), if it belongs here. */
    public Optional<String> canonical(String label) {
        String t = label.strip();
        return labels.stream().filter(l -> l.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** Positive for the ROC analysis; empty when the label is excluded from it (iCTCF "Suspected"). */
    public Optional<Boolean> positive(String label) {
        String c = canonical(label).orElseThrow(() -> new BadInputException("unknown " + this + " label " + label));
        return switch (this) {
            case CORADS -> Optional.of(Integer.parseInt(c) >= 3);
            case ICTCF -> c.equals("Suspected") ? Optional.empty() : Optional.of(!c.equals("Control"));
            case MOSMED -> Optional.of(!c.equals("CT-0"));
        };
    }

    /** The CO-RADS grade of a label, when the system has grades. */
    public Optional<Integer> grade(String label) {
        return this == CORADS ? canonical(label).map(Integer::parseInt) : Optional.empty();
    }
}
