package org.corads.steps.preprocess;

import java.util.Arrays;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Removes the trachea and main bronchi from a lung mask by 2D region growing from the top (most superior)
 * slices downwards, on voxels of the mask darker than {@code airwayHu}.
 *
 * <p>Seed: in the top {@value #SEARCH_DEPTH_MM} mm, the first slice with a dark region of
 * {@value #MIN_AREA_MM2}–{@value #MAX_AREA_MM2} mm² whose centre lies within {@value #MIDLINE_MM} mm of the
 * mask's left–right centre (the trachea is midline; lung apices are lateral). Growth: each next slice keeps the
 * dark regions that overlap the previous slice's airway; growth stops when the airway area exceeds
 * {@value #GROWTH_LIMIT}× the seed's (the bronchi have opened into lung parenchyma), when nothing overlaps, or
 * after {@value #MAX_DEPTH_MM} mm. The kept slices' airway voxels, with their wall rim, are removed from the mask.
 */
final class AirwayRemoval {
    static final double SEARCH_DEPTH_MM = 30;
    static final double MIN_AREA_MM2 = 30;
    static final double MAX_AREA_MM2 = 1200;
    static final double MIDLINE_MM = 40;
    static final double GROWTH_LIMIT = 3.0;
    static final double MAX_DEPTH_MM = 150;
    static final int WALL_PIXELS = 2;

    private final double airwayHu;

    AirwayRemoval(double airwayHu) {
        this.airwayHu = airwayHu;
    }

    /** Removes the airway from {@code mask} in place; returns the number of voxels removed. */
    long remove(byte[] mask, Volume hu) {
        Geometry g = hu.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int plane = nx * ny;
        double pixelMm2 = g.spacing(0) * g.spacing(1);
        boolean upIsHighZ = g.direction()[8] >= 0;
        int step = upIsHighZ ? -1 : 1;
        int top = upIsHighZ ? nz - 1 : 0;
        double midX = midlineX(mask, nx, plane * nz);
        int searchSlices = (int) Math.ceil(SEARCH_DEPTH_MM / g.spacing(2));
        int maxSlices = (int) Math.ceil(MAX_DEPTH_MM / g.spacing(2));
        byte[] prev = null;
        long seedArea = 0;
        long removed = 0;
        for (int k = 0, z = top; k < maxSlices && z >= 0 && z < nz; k++, z += step) {
            byte[] dark = darkSlice(mask, hu, z, plane);
            RunComponents cc = RunComponents.label(dark, nx, ny, 1);
            byte[] region = new byte[plane];
            if (prev == null) {
                int seed = pickSeed(cc, midX, pixelMm2, g.spacing(0));
                if (seed < 0) {
                    if (k >= searchSlices) {
                        return 0;
                    }
                    continue;
                }
                cc.paint(region, c -> c == seed);
                seedArea = cc.size(seed);
            } else {
                boolean[] touching = cc.overlapping(prev);
                cc.paint(region, c -> touching[c]);
            }
            long area = count(region);
            if (area == 0 || area > GROWTH_LIMIT * seedArea) {
                break;
            }
            int base = z * plane;
            byte[] wall = withWall(region, mask, base, nx, ny);
            wholeAirwayComponents(wall, mask, base, nx, ny, Math.max(area, seedArea));
            for (int i = 0; i < plane; i++) {
                if (wall[i] != 0 && mask[base + i] != 0) {
                    mask[base + i] = 0;
                    removed++;
                }
            }
            prev = region;
        }
        return removed;
    }

    /**
     * The airway lumen plus the mask voxels within {@value #WALL_PIXELS} pixels of it (4-connected): the
     * partial-volume rim between −900 and −320 HU, which would otherwise ring the removed lumen and be filled
     * back in by the per-slice hole filling.
     */
    private static byte[] withWall(byte[] region, byte[] mask, int base, int nx, int ny) {
        byte[] out = region.clone();
        int[] box = boundingBox(region, nx, ny);
        for (int step = 0; step < WALL_PIXELS; step++) {
            byte[] next = out.clone();
            // only pixels next to the region grown so far can join it: its box, one pixel wider per step
            int grow = step + 1;
            for (int y = Math.max(0, box[2] - grow); y <= Math.min(ny - 1, box[3] + grow); y++) {
                for (int x = Math.max(0, box[0] - grow); x <= Math.min(nx - 1, box[1] + grow); x++) {
                    int p = y * nx + x;
                    if (out[p] != 0 || mask[base + p] == 0) {
                        continue;
                    }
                    if ((x > 0 && out[p - 1] != 0) || (x < nx - 1 && out[p + 1] != 0) || (y > 0 && out[p - nx] != 0)
                            || (y < ny - 1 && out[p + nx] != 0)) {
                        next[p] = 1;
                    }
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Adds to {@code removal} every 2D mask component of the slice that it touches and that is airway-sized
     * (at most {@value #GROWTH_LIMIT}× the airway area): above the lungs the trachea is its own component, and
     * taking it whole leaves no rim fragments behind.
     */
    private static void wholeAirwayComponents(byte[] removal, byte[] mask, int base, int nx, int ny, long airwayArea) {
        int plane = nx * ny;
        byte[] slice = new byte[plane];
        System.arraycopy(mask, base, slice, 0, plane);
        RunComponents cc = RunComponents.label(slice, nx, ny, 1);
        boolean[] touching = cc.overlapping(removal);
        cc.paint(removal, c -> touching[c] && cc.size(c) <= GROWTH_LIMIT * airwayArea);
    }

    private byte[] darkSlice(byte[] mask, Volume hu, int z, int plane) {
        byte[] dark = new byte[plane];
        float[] v = new float[plane];
        int base = z * plane;
        hu.copyAsFloats(base, v, 0, plane);
        for (int i = 0; i < plane; i++) {
            dark[i] = mask[base + i] != 0 && v[i] < airwayHu ? (byte) 1 : 0;
        }
        return dark;
    }

    /** {xMin, xMax, yMin, yMax} of the nonzero pixels of a slice; an empty slice gives an empty box. */
    private static int[] boundingBox(byte[] slice, int nx, int ny) {
        int[] box = {nx, -1, ny, -1};
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (slice[y * nx + x] != 0) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.max(box[1], x);
                    box[2] = Math.min(box[2], y);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        return box;
    }

    private static int pickSeed(RunComponents cc, double midX, double pixelMm2, double spacingX) {
        int best = -1;
        double bestDist = Double.MAX_VALUE;
        for (int c = 0; c < cc.count(); c++) {
            double areaMm2 = cc.size(c) * pixelMm2;
            if (areaMm2 < MIN_AREA_MM2 || areaMm2 > MAX_AREA_MM2) {
                continue;
            }
            double dist = Math.abs(cc.meanX(c) - midX) * spacingX;
            if (dist <= MIDLINE_MM && dist < bestDist) {
                best = c;
                bestDist = dist;
            }
        }
        return best;
    }

    private static double midlineX(byte[] mask, int nx, int n) {
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (int row = 0; row < n; row += nx) {
            if (MaskBytes.empty(mask, row, row + nx)) {
                continue;
            }
            int first = 0;
            while (mask[row + first] == 0) {
                first++;
            }
            int last = nx - 1;
            while (mask[row + last] == 0) {
                last--;
            }
            min = Math.min(min, first);
            max = Math.max(max, last);
        }
        return max < 0 ? nx / 2.0 : (min + max) / 2.0;
    }

    private static long count(byte[] a) {
        long n = 0;
        for (byte b : a) {
            n += b;
        }
        return n;
    }

    @Override
    public String toString() {
        return "AirwayRemoval" + Arrays.toString(new double[]{airwayHu});
    }
}
