package org.corads.steps.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Renders one drawing to PNG and SVG with the same code (Java2D for PNG, JFreeSVG for SVG). */
public final class Figures {

    private Figures() {}

    /**
     * @param draw paints into a Graphics2D of {@code width × height}
     * @return the PNG bytes (also written to {@code base.png}; the SVG to {@code base.svg})
     */
    public static byte[] write(Path base, int width, int height, Consumer<Graphics2D> draw) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        draw.accept(g);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Files.write(base.resolveSibling(base.getFileName() + ".png"), png.toByteArray());
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        // JFreeSVG's default id prefix is "_" + System.nanoTime(): a fixed one keeps the same figure byte-identical
        svg.setDefsKeyPrefix("corads-" + base.getFileName());
        draw.accept(svg);
        Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), svg.getSVGDocument(),
                StandardCharsets.UTF_8);
        return png.toByteArray();
    }

    /** A JFreeChart as a drawing. */
    public static Consumer<Graphics2D> chart(JFreeChart chart, int width, int height) {
        return g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    }
}
