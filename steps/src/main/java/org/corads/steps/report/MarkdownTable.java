package org.corads.steps.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.ReportContext;

/** Our metrics as a Markdown table, followed by the paper's reference table. */
public final class MarkdownTable {

    private MarkdownTable() {}

    public static String of(MetricsDocument m) {
        StringBuilder sb = new StringBuilder();
        if (m.notices() != null) {
            m.notices().forEach(n -> sb.append("> ").append(n).append("\n"));
            sb.append('\n');
        }
        sb.append("## Our results\n\n");
        sb.append(String.format(Locale.ROOT,
                "%d scans, %d patients, label system %s; 95 %% CIs from %d patient-clustered "
                        + "bootstrap resamples (seed %d).%n%n",
                m.scans(), m.patients(), m.labelSystem(), m.bootstrap().iterations(), m.bootstrap().seed()));
        if (m.counts() != null) {
            List<String> parts = new ArrayList<>();
            m.counts().forEach((k, v) -> parts.add(k + ": " + v));
            sb.append("Reference classes: ").append(String.join(", ", parts)).append(".\n\n");
        }
        sb.append("| model | AUC [95 % CI] | QWK [95 % CI] | Δ AUC vs ").append(m.reference())
                .append(" | p AUC | Δ QWK vs ").append(m.reference())
                .append(" | p QWK |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, MetricsDocument.ModelMetrics> e : m.models().entrySet()) {
            MetricsDocument.ModelMetrics x = e.getValue();
            var cmp = m.comparisons().stream().filter(c -> c.b().equals(e.getKey())).findFirst();
            sb.append("| ").append(e.getKey()).append(" | ").append(withCi(x.auc(), x.aucCi())).append(" | ")
                    .append(withCi(x.qwk(), x.qwkCi())).append(" | ")
                    .append(cmp.map(c -> signed(c.deltaAuc() == null ? null : -c.deltaAuc())).orElse("—")).append(" | ")
                    .append(cmp.map(c -> p(c.pAuc())).orElse("—")).append(" | ")
                    .append(cmp.map(c -> signed(c.deltaQwk() == null ? null : -c.deltaQwk())).orElse("—")).append(" | ")
                    .append(cmp.map(c -> p(c.pQwk())).orElse("—")).append(" |\n");
        }
        sb.append("\nΔ: the model minus the reference; p: paired bootstrap, two-sided.\n");
        spread(sb, m);
        operatingPoints(sb, m);
        sb.append("\n## Paper (de Vente et al. 2020)\n\n| model | internal AUC | internal QWK | external "
                + "AUC |\n|---|---|---|---|\n");
        for (PaperReference.Row r : PaperReference.ROWS) {
            sb.append("| ").append(r.model()).append(" | ").append(r.internalAuc()).append(" | ")
                    .append(r.internalQwk()).append(" | ").append(r.externalAuc()).append(" |\n");
        }
        provenance(sb, m.provenance());
        return sb.toString();
    }

    /** Per ensemble, the spread of its members' point estimates: how much one seed alone could have said. */
    private static void spread(StringBuilder sb, MetricsDocument m) {
        if (m.spread() == null) {
            return;
        }
        sb.append("\n## Ensemble members (one model per seed: min / median / max)\n\n")
                .append("| ensemble | members | AUC | QWK |\n|---|---|---|---|\n");
        m.spread().forEach((g, s) -> sb.append("| ").append(g).append(" | ").append(s.members().size()).append(" | ")
                .append(triple(s.auc())).append(" | ").append(triple(s.qwk())).append(" |\n"));
    }

    private static String triple(double[] v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", v[0], v[1], v[2]);
    }

    private static void operatingPoints(StringBuilder sb, MetricsDocument m) {
        List<String> names = new ArrayList<>();
        m.models().values().stream().filter(x -> x.operatingPoints() != null).findFirst()
                .ifPresent(x -> x.operatingPoints().forEach(o -> names.add(o.at())));
        if (names.isEmpty()) {
            return;
        }
        sb.append("\n## Operating points (sensitivity / specificity)\n\n| model |");
        names.forEach(n -> sb.append(' ').append(n.replace(">=", "≥")).append(" |"));
        sb.append("\n|---|").append("---|".repeat(names.size())).append('\n');
        m.models().forEach((name, x) -> {
            sb.append("| ").append(name).append(" |");
            for (MetricsDocument.OperatingPoint o : x.operatingPoints()) {
                sb.append(
                        String.format(Locale.ROOT, " %.0f %% / %.0f %%", 100 * o.sensitivity(), 100 * o.specificity()))
                        .append(o.threshold() == null
                                ? ""
                                : String.format(Locale.ROOT, " (score ≥ %.3f)", o.threshold()))
                        .append(" |");
            }
            sb.append('\n');
        });
    }

    private static void provenance(StringBuilder sb, ReportContext c) {
        if (c == null) {
            return;
        }
        sb.append("\n## Provenance\n\n");
        if (c.study() != null) {
            sb.append("Study: ").append(c.study())
                    .append(c.studySha256() == null ? "" : " (definition SHA-256 " + c.studySha256() + ")")
                    .append("\n\n");
        }
        if (c.dataset() != null) {
            sb.append("Data: ").append(c.dataset()).append(Boolean.TRUE.equals(c.synthetic()) ? " (synthetic)" : "")
                    .append("\n\n");
        }
        if (c.inputs() != null) {
            new TreeMap<>(c.inputs())
                    .forEach((k, v) -> sb.append("Input ").append(k).append(": SHA-256 ").append(v).append("\n\n"));
        }
        if (c.evaluatedBy() != null) {
            sb.append("Evaluated by: ").append(c.evaluatedBy()).append("\n");
        }
    }

    /** {@code 0.873 [0.790, 0.940]}; negative numbers with a true minus sign. */
    static String withCi(Double v, double[] ci) {
        if (v == null) {
            return "—";
        }
        return ci == null || Double.isNaN(ci[0]) ? num(v) : num(v) + " [" + num(ci[0]) + ", " + num(ci[1]) + "]";
    }

    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    static String signed(Double v) {
        if (v == null) {
            return "—";
        }
        String s = num(v);
        return v >= 0 ? "+" + s : s;
    }

    static String p(Double p) {
        return p == null ? "—" : p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
