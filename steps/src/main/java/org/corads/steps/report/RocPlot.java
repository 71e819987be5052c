package org.corads.steps.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Map;
import org.corads.steps.eval.RocCurve;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** ROC curves of several models in one plot, each legend entry carrying AUC and its 95 % CI. */
public final class RocPlot {

    private RocPlot() {}

    /** @param curves legend text → curve */
    public static JFreeChart create(String title, Map<String, RocCurve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            RocCurve c = e.getValue();
            for (int i = 0; i < c.fpr().length; i++) {
                s.add(c.fpr()[i], c.tpr()[i]);
            }
            data.addSeries(s);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "1 − specificity (false-positive rate)",
                "sensitivity (true-positive rate)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.005);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, Palette.color(i));
        }
        int last = data.getSeriesCount() - 1;
        r.setSeriesPaint(last, Color.GRAY);
        r.setSeriesStroke(last,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 5f}, 0));
        plot.setRenderer(r);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
