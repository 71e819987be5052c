package org.corads.steps.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.json} of {@code evaluate} (SPEC §8): per model AUC and QWK with 95 % bootstrap CIs and the
 * 5 × 5 confusion matrix; paired comparisons against the reference model; bootstrap settings and degenerate
 * resample counts; ensemble-member spread; slice-thickness subgroups; class counts, operating points, notices
 * (small test set, synthetic data) and provenance.
 *
 * @param counts     scans per reference class ({@code CO-RADS 1} … or the label names) and {@code positive} /
 *                       {@code negative} for the ROC analysis
 * @param notices    what a reader must know before reading the numbers (one line each)
 * @param provenance where the predictions come from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsDocument(String labelSystem, int scans, int patients, Bootstrap bootstrap, String reference,
        Map<String, ModelMetrics> models, List<Comparison> comparisons, Map<String, Spread> spread,
        Map<String, Map<String, Subgroup>> subgroups, Map<String, Integer> counts, List<String> notices,
        ReportContext provenance) {

    /** The same document with the spread of ensemble members given (e.g. from the ensembles' member grades). */
    public MetricsDocument withSpread(Map<String, Spread> s) {
        return new MetricsDocument(labelSystem, scans, patients, bootstrap, reference, models, comparisons, s,
                subgroups, counts, notices, provenance);
    }

    /**
     * Sensitivity and specificity of a model's ROC score (or grade) at one operating point.
     *
     * @param at          {@code CO-RADS >= 3} (predicted grade), {@code sensitivity >= 0.90},
     *                        {@code sensitivity >= 0.95}
     * @param threshold   the score threshold (positive when score &gt;= threshold); null for the grade rule
     * @param sensitivity true-positive share
     * @param specificity true-negative share
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OperatingPoint(String at, Double threshold, double sensitivity, double specificity) {}

    /** Bootstrap settings as run. */
    public record Bootstrap(int iterations, long seed, String method) {}

    /**
     * @param qwk null when the label system has no grades
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelMetrics(int n, @JsonProperty("n_roc") int nRoc, Double auc,
            @JsonProperty("auc_ci") double[] aucCi, Double qwk, @JsonProperty("qwk_ci") double[] qwkCi,
            long[][] confusion, @JsonProperty("degenerate_auc") long degenerateAuc,
            @JsonProperty("degenerate_qwk") long degenerateQwk,
            @JsonProperty("operating_points") List<OperatingPoint> operatingPoints) {}

    /** Paired bootstrap comparison: Δ = a − b. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparison(String a, String b, @JsonProperty("delta_auc") Double deltaAuc,
            @JsonProperty("p_auc") Double pAuc, @JsonProperty("delta_qwk") Double deltaQwk,
            @JsonProperty("p_qwk") Double pQwk) {}

    /** Spread of member point estimates within an ensemble ({@code name#member} models). */
    public record Spread(List<String> members, double[] auc, double[] qwk) {}

    /** Point estimates in a subgroup. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subgroup(int n, Double auc, Double qwk) {}
}
