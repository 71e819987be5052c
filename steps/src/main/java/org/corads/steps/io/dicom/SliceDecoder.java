package org.corads.steps.io.dicom;

import java.nio.ByteBuffer;
import java.util.List;
import org.corads.steps.io.ReadLimits;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Decodes the slices' stored pixels with their rescale slope/intercept into one volume: INT16 when every
 * slice's rescale is integral and every value fits, else FLOAT32.
 */
final class SliceDecoder {

    private SliceDecoder() {}

    static Volume decode(Geometry g, List<DicomSlice> sorted, ReadLimits limits) {
        int plane = g.nx() * g.ny();
        boolean integral = sorted.stream()
                .allMatch(s -> s.slope() == Math.rint(s.slope()) && s.intercept() == Math.rint(s.intercept()));
        if (integral) {
            short[] out = new short[(int) g.voxelCount()];
            if (fillShorts(out, plane, sorted, limits)) {
                return Volume.adoptShorts(g, out);
            }
        }
        float[] out = new float[(int) g.voxelCount()];
        for (int z = 0; z < sorted.size(); z++) {
            DicomSlice s = sorted.get(z);
            ByteBuffer px = DicomSeriesReader.pixels(s, limits);
            for (int i = 0; i < plane; i++) {
                out[z * plane + i] = (float) (s.slope() * raw(px, s, i) + s.intercept());
            }
        }
        return Volume.adoptFloats(g, out);
    }

    private static boolean fillShorts(short[] out, int plane, List<DicomSlice> sorted, ReadLimits limits) {
        for (int z = 0; z < sorted.size(); z++) {
            DicomSlice s = sorted.get(z);
            ByteBuffer px = DicomSeriesReader.pixels(s, limits);
            long slope = (long) s.slope();
            long inter = (long) s.intercept();
            for (int i = 0; i < plane; i++) {
                long v = slope * raw(px, s, i) + inter;
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    return false;
                }
                out[z * plane + i] = (short) v;
            }
        }
        return true;
    }

    private static int raw(ByteBuffer px, DicomSlice s, int i) {
        boolean signed = s.pixelRepresentation() == 1;
        if (s.bitsAllocated() == 8) {
            byte b = px.get(i);
            return signed ? b : b & 0xFF;
        }
        short v = px.getShort(i * 2);
        return signed ? v : v & 0xFFFF;
    }
}
