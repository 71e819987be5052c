package org.corads.pipeline.grading;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How grading a scan version ended; written lower-case in results. */
public enum GradeStatus {
    /** graded: a CO-RADS grade and score */
    GRADED,
    /** the scan was refused (input gate, no lungs, unreadable): the reason is in the result */
    REJECTED,
    /** an internal failure persisted through the retries */
    FAILED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
