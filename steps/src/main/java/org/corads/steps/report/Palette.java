package org.corads.steps.report;

import java.awt.Color;

/** Colour-blind-safe series colours (Okabe–Ito). */
final class Palette {
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
            new Color(240, 228, 66)};

    private Palette() {}

    static Color color(int i) {
        return COLORS[i % COLORS.length];
    }
}
