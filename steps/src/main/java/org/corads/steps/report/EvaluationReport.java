package org.corads.steps.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.corads.steps.eval.EvalData;
import org.corads.steps.eval.MetricsDocument;
import org.corads.steps.eval.RocCurve;

/**
 * Writes everything {@code evaluate} produces into a folder: {@code metrics.json}, {@code table.md},
 * {@code roc.png/.svg}, {@code ci.png/.svg}, {@code confusion.png/.svg} and {@code report.html}, a single
 * self-contained file with the images embedded. Confusion matrices need CO-RADS reference grades: for another label
 * system the confusion files hold one line saying so.
 */
public final class EvaluationReport {
    public static final List<String> FILES = List.of("metrics.json", "table.md", "roc.png", "roc.svg", "ci.png",
            "ci.svg", "confusion.png", "confusion.svg", "report.html");

    private EvaluationReport() {}

    public static void write(EvalData d, MetricsDocument m, Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(),
                m);
        String table = MarkdownTable.of(m);
        Files.writeString(dir.resolve("table.md"), table, StandardCharsets.UTF_8);
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("ROC curves", Figures.write(dir.resolve("roc"), 760, 620, Figures.chart(
                RocPlot.create("ROC (" + m.labelSystem() + ": positives vs negatives)", curves(d, m)), 760, 620)));
        List<CiPlot.Point> auc = new ArrayList<>();
        List<CiPlot.Point> qwk = new ArrayList<>();
        m.models().forEach((name, x) -> {
            if (x.auc() != null) {
                auc.add(new CiPlot.Point(name, x.auc(), x.aucCi()[0], x.aucCi()[1]));
            }
            if (x.qwk() != null) {
                qwk.add(new CiPlot.Point(name, x.qwk(), x.qwkCi()[0], x.qwkCi()[1]));
            }
        });
        int ciHeight = 120 + 48 * m.models().size();
        images.put("Confidence intervals", Figures.write(dir.resolve("ci"), 900, ciHeight,
                Figures.chart(CiPlot.create(new ArrayList<>(m.models().keySet()), auc, qwk), 900, ciHeight)));
        List<ConfusionPlot.Panel> panels = new ArrayList<>();
        m.models().forEach((name, x) -> {
            if (x.confusion() != null) {
                panels.add(new ConfusionPlot.Panel(name, x.confusion()));
            }
        });
        if (!panels.isEmpty()) {
            images.put("Confusion matrices", Figures.write(dir.resolve("confusion"), ConfusionPlot.width(panels.size()),
                    ConfusionPlot.height(), g -> ConfusionPlot.draw(g, panels)));
        } else {
            // labels without CO-RADS grades (iCTCF, MosMedData): the files say why there is none; the HTML omits it
            Figures.write(dir.resolve("confusion"), 760, 60, g -> ConfusionPlot.drawNone(g, m.labelSystem()));
        }
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(m, table, images), StandardCharsets.UTF_8);
    }

    private static Map<String, RocCurve> curves(EvalData d, MetricsDocument m) {
        Map<String, RocCurve> out = new LinkedHashMap<>();
        int[] cases = d.rocCases();
        boolean[] pos = new boolean[cases.length];
        for (int k = 0; k < cases.length; k++) {
            pos[k] = d.positive()[cases[k]] == 1;
        }
        for (int mi = 0; mi < d.models().size(); mi++) {
            double[] s = new double[cases.length];
            for (int k = 0; k < cases.length; k++) {
                s[k] = d.scores()[mi][cases[k]];
            }
            MetricsDocument.ModelMetrics x = m.models().get(d.models().get(mi));
            String legend = x.auc() == null
                    ? d.models().get(mi)
                    : String.format(Locale.ROOT, "%s — AUC %s", d.models().get(mi),
                            MarkdownTable.withCi(x.auc(), x.aucCi()));
            out.put(legend, RocCurve.of(s, pos));
        }
        return out;
    }
}
