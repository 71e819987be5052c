package org.corads.steps.preprocess;

import java.util.Arrays;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * SPEC §2.4: keeps the axial slices closer than {@code marginMm} to the nearest slice containing lung, and
 * crops each to {@code width × width} voxels centred on the centre of the lung mask's in-plane bounding box
 * (start index {@code ⌊(min + max + 1) / 2⌋ − width / 2} per axis), padding with {@code padValue} where the
 * crop leaves the image. The output geometry is the input's, shifted to the crop's first voxel (which may lie
 * outside the image).
 *
 * @param marginMm slices at this distance or more from lung are dropped (10 mm)
 * @param width    in-plane crop size in voxels (240)
 */
public record CropToLungs(double marginMm, int width) {

    public static final CropToLungs PAPER = new CropToLungs(10, 240);

    /**
     * The crop window for a mask.
     *
     * @param x0     first x index (may be negative)
     * @param y0     first y index (may be negative)
     * @param zFirst first kept slice
     * @param zLast  last kept slice (inclusive)
     */
    public record Window(int x0, int y0, int zFirst, int zLast) {
        public int keptSlices() {
            return zLast - zFirst + 1;
        }
    }

    /** The window for a lung mask (bounding box {xmin,xmax,ymin,ymax,zmin,zmax}, as {@link LungMask} reports). */
    public Window window(Geometry g, int[] box) {
        int reach = (int) Math.ceil(marginMm / g.spacing(2)) - 1;
        int zFirst = Math.max(0, box[4] - reach);
        int zLast = Math.min(g.nz() - 1, box[5] + reach);
        int x0 = Math.floorDiv(box[0] + box[1] + 1, 2) - width / 2;
        int y0 = Math.floorDiv(box[2] + box[3] + 1, 2) - width / 2;
        return new Window(x0, y0, zFirst, zLast);
    }

    /** Applies a window to a volume of any type; {@code padValue} fills outside the image. */
    public Volume apply(Volume in, Window w, double padValue) {
        Geometry g = in.geometry();
        int nz = w.keptSlices();
        float[] out = new float[width * width * nz];
        Arrays.fill(out, (float) padValue);
        // the columns of the window inside the image: [xa, xb) in the image, copied row by row
        int xa = Math.max(0, w.x0());
        int xb = Math.min(g.nx(), w.x0() + width);
        for (int z = 0; z < nz && xa < xb; z++) {
            int zi = w.zFirst() + z;
            for (int y = 0; y < width; y++) {
                int yi = w.y0() + y;
                if (yi >= 0 && yi < g.ny()) {
                    in.copyAsFloats(g.index(xa, yi, zi), out, (z * width + y) * width + xa - w.x0(), xb - xa);
                }
            }
        }
        return Volume.adoptFloats(geometry(g, w), out);
    }

    /** The grid {@link #apply} crops {@code g} to: the window's size, its first voxel the origin. */
    public Geometry geometry(Geometry g, Window w) {
        return new Geometry(new int[]{width, width, w.keptSlices()}, g.spacingMm(),
                g.indexToPhysical(w.x0(), w.y0(), w.zFirst()), g.direction());
    }
}
