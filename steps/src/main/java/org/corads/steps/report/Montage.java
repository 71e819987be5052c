package org.corads.steps.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.corads.steps.volume.Volume;

/**
 * A PNG a person can look at: an axial and a coronal slice through a CT (window −1100…300 HU), each with the
 * outline of a mask drawn in red. Pixels are scaled by spacing, so anatomy has its true aspect ratio.
 */
public final class Montage {
    private static final double LOW = -1100;
    private static final double HIGH = 300;

    private Montage() {}

    /** Writes axial slice {@code z} and coronal slice {@code y} side by side. */
    public static void write(Volume ct, Volume mask, int z, int y, Path png) throws IOException {
        BufferedImage axial = axial(ct, mask, z);
        BufferedImage coronal = coronal(ct, mask, y);
        BufferedImage out = new BufferedImage(axial.getWidth() + coronal.getWidth() + 10,
                Math.max(axial.getHeight(), coronal.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(axial, 0, 0, null);
        g.drawImage(coronal, axial.getWidth() + 10, 0, null);
        g.dispose();
        ImageIO.write(out, "png", png.toFile());
    }

    static BufferedImage axial(Volume ct, Volume mask, int z) {
        int nx = ct.geometry().nx();
        int ny = ct.geometry().ny();
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                boolean edge = mask != null && isEdge(mask, x, y, z, true);
                img.setRGB(x, y, edge ? Color.RED.getRGB() : grey(ct.get(x, y, z)));
            }
        }
        return img;
    }

    static BufferedImage coronal(Volume ct, Volume mask, int y) {
        int nx = ct.geometry().nx();
        int nz = ct.geometry().nz();
        double sx = ct.geometry().spacing(0);
        double sz = ct.geometry().spacing(2);
        int h = (int) Math.round(nz * sz / sx);
        BufferedImage img = new BufferedImage(nx, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            int z = Math.min(nz - 1, (int) (r * sx / sz));
            int zi = nz - 1 - z; // superior at the top
            for (int x = 0; x < nx; x++) {
                boolean edge = mask != null && isEdge(mask, x, y, zi, false);
                img.setRGB(x, r, edge ? Color.RED.getRGB() : grey(ct.get(x, y, zi)));
            }
        }
        return img;
    }

    private static boolean isEdge(Volume m, int x, int y, int z, boolean axial) {
        if (m.get(x, y, z) == 0) {
            return false;
        }
        int nx = m.geometry().nx();
        int ny = m.geometry().ny();
        int nz = m.geometry().nz();
        if (x == 0 || x == nx - 1 || m.get(x - 1, y, z) == 0 || m.get(x + 1, y, z) == 0) {
            return true;
        }
        if (axial) {
            return y == 0 || y == ny - 1 || m.get(x, y - 1, z) == 0 || m.get(x, y + 1, z) == 0;
        }
        return z == 0 || z == nz - 1 || m.get(x, y, z - 1) == 0 || m.get(x, y, z + 1) == 0;
    }

    private static int grey(double hu) {
        int v = (int) Math.round(255 * Math.max(0, Math.min(1, (hu - LOW) / (HIGH - LOW))));
        return (v << 16) | (v << 8) | v;
    }
}
