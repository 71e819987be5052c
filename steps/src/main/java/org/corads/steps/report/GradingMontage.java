package org.corads.steps.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.corads.steps.io.BadInputException;
import org.corads.steps.preprocess.LungMasks;
import org.corads.steps.volume.Volume;

/**
 * The picture a radiologist looks at first: axial slices through the lungs, superior to inferior, in the lung
 * window (W 1500, L −600), with the lung outline in green and the lesion map over the CT (GGO yellow,
 * consolidation red). Radiological orientation for LPS volumes: patient left on the image's right, anterior up.
 * The same inputs give the same PNG bytes.
 */
public final class GradingMontage {
    private static final double LOW_HU = -1350;
    private static final double HIGH_HU = 150;
    private static final int GREEN = 0x33dd55;
    private static final int YELLOW = 0xffd21f;
    private static final int RED = 0xff3030;

    private final int columns;
    private final int rows;

    /** A grid of {@code columns × rows} slices. */
    public GradingMontage(int columns, int rows) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a montage needs at least one column and one row");
        }
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * The montage as PNG bytes.
     *
     * @param ct      HU volume
     * @param lungs   lung mask on the same grid (non-zero = lung)
     * @param lesions lesion labels on the same grid (1 GGO, 2 consolidation), or null
     */
    public byte[] png(Volume ct, Volume lungs, Volume lesions) throws IOException {
        int[] n = ct.geometry().size();
        requireSameSize(n, lungs, "lung mask");
        if (lesions != null) {
            requireSameSize(n, lesions, "lesion map");
        }
        int[] box = lungBox(lungs, ct, n);
        int w = box[1] - box[0] + 1;
        int h = box[3] - box[2] + 1;
        BufferedImage img = new BufferedImage(columns * w, rows * h, BufferedImage.TYPE_INT_RGB);
        int tiles = columns * rows;
        for (int t = 0; t < tiles; t++) {
            // superior (high z in LPS) first
            int z = box[5] - (int) Math.round((box[5] - box[4]) * (t + 0.5) / tiles);
            drawSlice(img, (t % columns) * w, (t / columns) * h, box, z, ct, lungs, lesions, n);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void drawSlice(BufferedImage img, int ox, int oy, int[] box, int z, Volume ct, Volume lungs,
            Volume lesions, int[] n) {
        for (int y = box[2]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[1]; x++) {
                int i = (z * n[1] + y) * n[0] + x;
                double v = (ct.get(i) - LOW_HU) / (HIGH_HU - LOW_HU);
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                int rgb = (g << 16) | (g << 8) | g;
                int label = lesions == null ? 0 : (int) lesions.get(i);
                if (label == 1) {
                    rgb = blend(rgb, YELLOW, 0.45);
                } else if (label >= 2) {
                    rgb = blend(rgb, RED, 0.55);
                }
                if (lungs.get(i) != 0 && isEdge(lungs, x, y, z, n)) {
                    rgb = GREEN;
                }
                img.setRGB(ox + x - box[0], oy + y - box[2], rgb);
            }
        }
    }

    private static boolean isEdge(Volume m, int x, int y, int z, int[] n) {
        return x == 0 || y == 0 || x == n[0] - 1 || y == n[1] - 1 || m.get(x - 1, y, z) == 0 || m.get(x + 1, y, z) == 0
                || m.get(x, y - 1, z) == 0 || m.get(x, y + 1, z) == 0;
    }

    private static int blend(int rgb, int over, double a) {
        int r = (int) Math.round(((rgb >> 16) & 255) * (1 - a) + ((over >> 16) & 255) * a);
        int g = (int) Math.round(((rgb >> 8) & 255) * (1 - a) + ((over >> 8) & 255) * a);
        int b = (int) Math.round((rgb & 255) * (1 - a) + (over & 255) * a);
        return (r << 16) | (g << 8) | b;
    }

    /** The lungs' bounding box {x0, x1, y0, y1, z0, z1} with an 8-voxel in-plane margin; the whole grid if empty. */
    private static int[] lungBox(Volume lungs, Volume ct, int[] n) {
        int[] b;
        try {
            b = LungMasks.measure(lungs, ct).boundingBox();
        } catch (BadInputException noLungs) {
            return new int[]{0, n[0] - 1, 0, n[1] - 1, 0, n[2] - 1};
        }
        int m = 8;
        return new int[]{Math.max(0, b[0] - m), Math.min(n[0] - 1, b[1] + m), Math.max(0, b[2] - m),
                Math.min(n[1] - 1, b[3] + m), b[4], b[5]};
    }

    private static void requireSameSize(int[] n, Volume v, String what) {
        if (!Arrays.equals(n, v.geometry().size())) {
            throw new IllegalArgumentException(
                    "the " + what + " is " + Arrays.toString(v.geometry().size()) + ", the CT " + Arrays.toString(n));
        }
    }
}
