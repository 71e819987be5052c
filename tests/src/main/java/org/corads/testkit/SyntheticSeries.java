package org.corads.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Test kit: writes an INT16 volume as a DICOM series, one file per axial slice, in shuffled file order
 * (names do not follow slice order), with the volume's geometry in ImagePositionPatient /
 * ImageOrientationPatient / PixelSpacing and a rescale of slope 1, intercept −1024.
 */
public final class SyntheticSeries {

    private SyntheticSeries() {}

    /**
     * @param skipSlice a slice index to leave out (a missing slice), or −1
     * @return the files written
     */
    public static List<Path> write(Volume v, Path dir, String transferSyntax, String seriesUid, long seed,
            int skipSlice) throws IOException {
        Files.createDirectories(dir);
        Geometry g = v.geometry();
        double[] d = g.direction();
        double[] iop = {d[0], d[3], d[6], d[1], d[4], d[7]};
        double[] sp = g.spacingMm();
        List<Integer> order = new ArrayList<>();
        for (int z = 0; z < g.nz(); z++) {
            if (z != skipSlice) {
                order.add(z);
            }
        }
        List<Integer> names = new ArrayList<>(order);
        Collections.shuffle(names, new Random(seed));
        List<Path> files = new ArrayList<>();
        int plane = g.nx() * g.ny();
        short[] all = v.copyShorts();
        for (int k = 0; k < order.size(); k++) {
            int z = order.get(k);
            short[] stored = new short[plane];
            for (int i = 0; i < plane; i++) {
                stored[i] = (short) (all[z * plane + i] + 1024);
            }
            double[] ipp = g.indexToPhysical(0, 0, z);
            Path f = dir.resolve(String.format("IM%05d", names.get(k)));
            DicomSliceWriter.write(f, new DicomSliceWriter.Slice(seriesUid, "CT", ipp, iop, new double[]{sp[1], sp[0]},
                    1, -1024, g.ny(), g.nx(), stored, z + 1, 1), transferSyntax);
            files.add(f);
        }
        return files;
    }

    /**
     * The same volume with its slices {@code thicknessMm} apart (linear interpolation along z, same extent, first
     * slice in place): a scan as a scanner would have reconstructed it at another slice thickness.
     */
    public static Volume reslice(Volume v, double thicknessMm) {
        Geometry g = v.geometry();
        double sz = g.spacingMm()[2];
        int nz = (int) Math.floor((g.nz() - 1) * sz / thicknessMm) + 1;
        int plane = g.nx() * g.ny();
        short[] in = v.copyShorts();
        short[] out = new short[plane * nz];
        for (int k = 0; k < nz; k++) {
            double z = k * thicknessMm / sz;
            int z0 = Math.min((int) Math.floor(z), g.nz() - 1);
            int z1 = Math.min(z0 + 1, g.nz() - 1);
            double w = z - z0;
            for (int i = 0; i < plane; i++) {
                out[k * plane + i] = (short) Math.round((1 - w) * in[z0 * plane + i] + w * in[z1 * plane + i]);
            }
        }
        Geometry r = g.withSizeAndSpacing(new int[]{g.nx(), g.ny(), nz},
                new double[]{g.spacingMm()[0], g.spacingMm()[1], thicknessMm});
        return Volume.ofShorts(r, out);
    }
}
