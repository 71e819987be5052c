package org.corads.pipeline.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's results table for a study with an external test set: per arm the internal test split's AUC and QWK and
 * the external test set's AUC (and QWK when the external labels are CO-RADS grades), each with its 95 % CI, from the
 * two evaluations' {@code metrics.json}.
 */
final class ExternalSummary {
    /** The report file that holds it, beside {@code table.md}. */
    static final String FILE = "summary.md";

    private ExternalSummary() {}

    static String markdown(String study, JsonNode internal, JsonNode external) {
        boolean externalQwk = "CORADS".equals(external.path("labelSystem").asText());
        StringBuilder b = new StringBuilder("# ").append(study).append(": internal and external test sets\n\n");
        b.append(String.format(Locale.ROOT, "Internal: %d test scans (%s); external: %d scans (%s). ",
                internal.path("scans").asInt(), internal.path("labelSystem").asText(), external.path("scans").asInt(),
                external.path("labelSystem").asText()));
        b.append("95 % CIs from patient-clustered bootstrap resamples; each set's own report has the paired "
                + "comparisons.\n\n");
        b.append("| model | internal AUC | internal QWK | external AUC |").append(externalQwk ? " external QWK |" : "")
                .append('\n');
        b.append("|---|---|---|---|").append(externalQwk ? "---|" : "").append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = internal.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> arm = it.next();
            JsonNode x = external.path("models").path(arm.getKey());
            b.append("| ").append(arm.getKey()).append(" | ").append(cell(arm.getValue(), "auc")).append(" | ")
                    .append(cell(arm.getValue(), "qwk")).append(" | ").append(cell(x, "auc")).append(" |");
            if (externalQwk) {
                b.append(' ').append(cell(x, "qwk")).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** {@code 0.912 (0.850–0.960)}, or — when the metric is missing. */
    private static String cell(JsonNode model, String metric) {
        JsonNode v = model.path(metric);
        JsonNode ci = model.path(metric + "_ci");
        if (!v.isNumber()) {
            return "—";
        }
        return ci.size() == 2
                ? String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", v.asDouble(), ci.get(0).asDouble(),
                        ci.get(1).asDouble())
                : String.format(Locale.ROOT, "%.3f", v.asDouble());
    }
}
