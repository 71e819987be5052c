package org.corads.steps.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** Point estimates with 95 % CIs per model, AUC and QWK side by side (the layout of the paper's Fig. 2). */
public final class CiPlot {

    private CiPlot() {}

    /**
     * One model's estimate and interval for one metric.
     *
     * @param model model name
     * @param value point estimate
     * @param low   CI lower bound
     * @param high  CI upper bound
     */
    public record Point(String model, double value, double low, double high) {}

    public static JFreeChart create(List<String> models, List<Point> auc, List<Point> qwk) {
        SymbolAxis names = new SymbolAxis(null, models.toArray(String[]::new));
        names.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        names.setInverted(true);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(names);
        combined.add(panel("AUC", models, auc));
        if (!qwk.isEmpty()) {
            combined.add(panel("QWK", models, qwk));
        }
        combined.setOrientation(PlotOrientation.HORIZONTAL); // after adding: it is passed on to the panels
        combined.setGap(12);
        JFreeChart chart = new JFreeChart("95 % bootstrap confidence intervals", JFreeChart.DEFAULT_TITLE_FONT,
                combined, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot panel(String metric, List<String> models, List<Point> points) {
        XYIntervalSeries s = new XYIntervalSeries(metric);
        for (Point p : points) {
            int x = models.indexOf(p.model());
            s.add(x, x, x, p.value(), p.low(), p.high());
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(s);
        NumberAxis axis = new NumberAxis(metric);
        axis.setAutoRangeIncludesZero(false);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setErrorStroke(new BasicStroke(2f));
        r.setErrorPaint(Color.DARK_GRAY);
        r.setSeriesPaint(0, Palette.color(0));
        XYPlot plot = new XYPlot(data, null, axis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
