package org.corads.steps.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the predictions of a report come from: the report's provenance block and its synthetic-data banner. It
 * holds no wall-clock time, so the same inputs still give the same report bytes (a study's run date is in its
 * {@code study.json} and run document).
 *
 * @param study       study name, or null outside a study
 * @param studySha256 SHA-256 of the study definition as resolved (every default filled in), or null
 * @param dataset     the data: a manifest URI, or the synthetic cohort's size and seed; null when unknown
 * @param synthetic   whether the scans are synthetic (the numbers then say nothing about real patients)
 * @param inputs      input file → SHA-256 (the predictions the numbers come from)
 * @param evaluatedBy the step or command and its version
 * @param excluded    scans of the dataset left out of the study, each {@code <scan id>: <reason>}; null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportContext(String study, String studySha256, String dataset, Boolean synthetic,
        Map<String, String> inputs, String evaluatedBy, List<String> excluded) {

    public ReportContext(String study, String studySha256, String dataset, Boolean synthetic,
            Map<String, String> inputs, String evaluatedBy) {
        this(study, studySha256, dataset, synthetic, inputs, evaluatedBy, null);
    }

    /** The same context with the digests of the input files and who evaluated. */
    public ReportContext with(Map<String, String> inputs, String evaluatedBy) {
        return new ReportContext(study, studySha256, dataset, synthetic, sorted(inputs), evaluatedBy, excluded);
    }

    /** Nothing known but the inputs. */
    public static ReportContext of(Map<String, String> inputs, String evaluatedBy) {
        return new ReportContext(null, null, null, null, sorted(inputs), evaluatedBy);
    }

    /** In key order, so the JSON is the same bytes every time. */
    private static Map<String, String> sorted(Map<String, String> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
