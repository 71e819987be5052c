package org.corads.steps.preprocess;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.corads.steps.io.BadInputException;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * SPEC §2.3, the classical lung mask: air = HU &lt; {@code airHu}; 3D 6-connected components; drop components
 * touching the four in-plane faces (x or y at the border; not z, which the trachea may touch); keep the largest
 * and a second one if it has at least {@code secondFraction} of the first; remove the trachea and main bronchi
 * ({@link AirwayRemoval}, region growing below {@code airwayHu}); fill holes per axial slice. Fewer than
 * {@code minVolumeMl} kept → "no lungs found".
 *
 * @param airHu          air threshold (−320 HU)
 * @param airwayHu       airway region-growing threshold (−900 HU)
 * @param secondFraction second component kept when ≥ this fraction of the first (0.10)
 * @param minVolumeMl    smallest plausible lung volume (500 ml)
 */
public record ClassicalLungSegmenter(double airHu, double airwayHu, double secondFraction,
        double minVolumeMl) implements LungSegmenter {

    public static final ClassicalLungSegmenter DEFAULT = new ClassicalLungSegmenter(-320, -900, 0.10, 500);

    @Override
    public LungMask segment(Volume hu) {
        Geometry g = hu.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int plane = nx * ny;
        byte[] air = new byte[plane * nz];
        IntStream.range(0, nz).parallel().forEach(z -> {
            float[] v = new float[plane];
            hu.copyAsFloats(z * plane, v, 0, plane);
            for (int i = 0; i < plane; i++) {
                air[z * plane + i] = v[i] < airHu ? (byte) 1 : 0;
            }
        });
        RunComponents cc = RunComponents.label(air, nx, ny, nz);
        int first = -1;
        int second = -1;
        for (int c = 0; c < cc.count(); c++) {
            if (cc.touchesInPlaneBorder(c)) {
                continue;
            }
            if (first < 0 || cc.size(c) > cc.size(first)) {
                second = first;
                first = c;
            } else if (second < 0 || cc.size(c) > cc.size(second)) {
                second = c;
            }
        }
        double voxelMl = g.spacing(0) * g.spacing(1) * g.spacing(2) / 1000.0;
        if (first < 0 || cc.size(first) * voxelMl < minVolumeMl) {
            throw new BadInputException("no lungs found: the largest enclosed air region is "
                    + (first < 0 ? 0 : Math.round(cc.size(first) * voxelMl)) + " ml, expected at least "
                    + Math.round(minVolumeMl) + " ml of lung");
        }
        boolean keepSecond = second >= 0 && cc.size(second) >= secondFraction * cc.size(first);
        final int a = first;
        final int b = keepSecond ? second : -1;
        byte[] mask = new byte[air.length];
        cc.paint(mask, c -> c == a || c == b);
        long airway = new AirwayRemoval(airwayHu).remove(mask, hu);
        SliceHoleFill.fill(mask, nx, ny, nz);
        return measure(Volume.adoptBytes(g, mask), hu, airway * voxelMl, keepSecond ? 2 : 1, minVolumeMl);
    }

    static LungMask measure(Volume mask, Volume hu, double airwayMl, int components, double minVolumeMl) {
        Geometry g = mask.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        long count = 0;
        double sum = 0;
        byte[] m = new byte[nx];
        float[] v = new float[nx];
        ByteBuffer masked = mask.byteView();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = (z * ny + y) * nx;
                masked.get(row, m);
                if (MaskBytes.empty(m, 0, nx)) {
                    continue;
                }
                hu.copyAsFloats(row, v, 0, nx);
                for (int x = 0; x < nx; x++) {
                    if (m[x] != 0) {
                        count++;
                        sum += v[x];
                        box[0] = Math.min(box[0], x);
                        box[1] = Math.max(box[1], x);
                        box[2] = Math.min(box[2], y);
                        box[3] = Math.max(box[3], y);
                        box[4] = Math.min(box[4], z);
                        box[5] = Math.max(box[5], z);
                    }
                }
            }
        }
        double ml = count * g.spacing(0) * g.spacing(1) * g.spacing(2) / 1000.0;
        if (ml < minVolumeMl) {
            throw new BadInputException("no lungs found: " + Math.round(ml) + " ml segmented, expected at least "
                    + Math.round(minVolumeMl) + " ml");
        }
        return new LungMask(mask, ml, sum / count, box, airwayMl, components);
    }

}
