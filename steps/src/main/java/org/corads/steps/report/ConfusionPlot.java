package org.corads.steps.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;

/** 5 × 5 confusion matrices as heat maps (rows: reference CO-RADS, columns: predicted), one per model. */
public final class ConfusionPlot {
    public static final int CELL = 64;
    public static final int PANEL = CELL * 5 + 90;

    private ConfusionPlot() {}

    /**
     * @param panel one model
     */
    public record Panel(String model, long[][] counts) {}

    public static int width(int panels) {
        return Math.max(1, panels) * PANEL + 20;
    }

    public static int height() {
        return CELL * 5 + 126;
    }

    public static void draw(Graphics2D g, List<Panel> panels) {
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        Font counts = new Font(Font.SANS_SERIF, Font.BOLD, 20);
        Font bold = new Font(Font.SANS_SERIF, Font.BOLD, 17);
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int ox = 20 + p * PANEL + 50;
            int oy = 66;
            long max = 1;
            for (long[] row : panel.counts()) {
                for (long c : row) {
                    max = Math.max(max, c);
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(bold);
            g.drawString(panel.model(), ox, 20);
            g.setFont(small);
            g.drawString("predicted", ox + CELL * 2, oy - 18);
            for (int i = 0; i < 5; i++) {
                g.setColor(Color.BLACK);
                g.drawString(Integer.toString(i + 1), ox + i * CELL + CELL / 2 - 3, oy - 4);
                g.drawString(Integer.toString(i + 1), ox - 14, oy + i * CELL + CELL / 2 + 4);
                for (int j = 0; j < 5; j++) {
                    long c = panel.counts()[i][j];
                    float t = (float) c / max;
                    g.setColor(new Color(1f - 0.8f * t, 1f - 0.55f * t, 1f - 0.25f * t));
                    g.fillRect(ox + j * CELL, oy + i * CELL, CELL, CELL);
                    g.setColor(Color.GRAY);
                    g.drawRect(ox + j * CELL, oy + i * CELL, CELL, CELL);
                    g.setColor(t > 0.6 ? Color.WHITE : Color.BLACK);
                    g.setFont(counts);
                    String s = Long.toString(c);
                    FontMetrics fm = g.getFontMetrics();
                    g.drawString(s, ox + j * CELL + (CELL - fm.stringWidth(s)) / 2, oy + i * CELL + CELL / 2 + 7);
                    g.setFont(small);
                }
            }
            g.setColor(Color.BLACK);
            g.rotate(-Math.PI / 2);
            g.drawString("reference", -(oy + CELL * 3), ox - 28);
            g.rotate(Math.PI / 2);
        }
    }

    /** In place of the matrices, for labels that are not CO-RADS grades. */
    public static void drawNone(Graphics2D g, Object labelSystem) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(
                "No confusion matrices: the reference labels are " + labelSystem + ", not CO-RADS grades (AUC only).",
                20, 35);
    }
}
