package org.corads.steps.report;

import java.util.Locale;
import java.util.Map;
import org.corads.steps.eval.MetricsDocument;

/** Our metrics as a Markdown table, followed by the paper's reference table. */
public final class MarkdownTable {

    private MarkdownTable() {}

    public static String of(MetricsDocument m) {
        StringBuilder sb = new StringBuilder("## Our results\n\n");
        sb.append(String.format(Locale.ROOT,
                "%d scans, %d patients, label system %s; 95 %% CIs from %d patient-clustered "
                        + "bootstrap resamples (seed %d).%n%n",
                m.scans(), m.patients(), m.labelSystem(), m.bootstrap().iterations(), m.bootstrap().seed()));
        sb.append("| model | AUC (95 % CI) | QWK (95 % CI) | p AUC vs ").append(m.reference()).append(" | p QWK vs ")
                .append(m.reference()).append(" |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, MetricsDocument.ModelMetrics> e : m.models().entrySet()) {
            MetricsDocument.ModelMetrics x = e.getValue();
            var cmp = m.comparisons().stream().filter(c -> c.b().equals(e.getKey())).findFirst();
            sb.append("| ").append(e.getKey()).append(" | ").append(withCi(x.auc(), x.aucCi())).append(" | ")
                    .append(withCi(x.qwk(), x.qwkCi())).append(" | ").append(cmp.map(c -> p(c.pAuc())).orElse("—"))
                    .append(" | ").append(cmp.map(c -> p(c.pQwk())).orElse("—")).append(" |\n");
        }
        sb.append("\n## Paper (de Vente et al. 2020)\n\n| model | internal AUC | internal QWK | external "
                + "AUC |\n|---|---|---|---|\n");
        for (PaperReference.Row r : PaperReference.ROWS) {
            sb.append("| ").append(r.model()).append(" | ").append(r.internalAuc()).append(" | ")
                    .append(r.internalQwk()).append(" | ").append(r.externalAuc()).append(" |\n");
        }
        return sb.toString();
    }

    static String withCi(Double v, double[] ci) {
        if (v == null) {
            return "—";
        }
        return ci == null || Double.isNaN(ci[0])
                ? String.format(Locale.ROOT, "%.3f", v)
                : String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", v, ci[0], ci[1]);
    }

    static String p(Double p) {
        return p == null ? "—" : p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
