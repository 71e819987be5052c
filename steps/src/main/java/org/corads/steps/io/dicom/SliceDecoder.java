package org.corads.steps.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.util.List;
import java.util.stream.IntStream;
import org.corads.steps.io.ReadLimits;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Decodes the slices' stored pixels with their rescale slope/intercept into one volume: INT16 when every
 * slice's rescale is integral and every value fits, else FLOAT32. Slices are decoded on all cores, each into its
 * own plane of the volume.
 */
final class SliceDecoder {

    private SliceDecoder() {}

    static Volume decode(Geometry g, List<DicomSlice> sorted, ReadLimits limits) {
        int plane = g.nx() * g.ny();
        boolean integral = sorted.stream()
                .allMatch(s -> s.slope() == Math.rint(s.slope()) && s.intercept() == Math.rint(s.intercept()));
        if (integral) {
            short[] out = new short[(int) g.voxelCount()];
            if (IntStream.range(0, sorted.size()).parallel()
                    .allMatch(z -> fillShorts(out, z * plane, plane, sorted.get(z), limits))) {
                return Volume.adoptShorts(g, out);
            }
        }
        float[] out = new float[(int) g.voxelCount()];
        IntStream.range(0, sorted.size()).parallel()
                .forEach(z -> fillFloats(out, z * plane, plane, sorted.get(z), limits));
        return Volume.adoptFloats(g, out);
    }

    /**
     * One slice as HU into {@code out[at, at + plane)}; false when a value does not fit a short. 16-bit values are
     * copied into place in bulk and rescaled there.
     */
    private static boolean fillShorts(short[] out, int at, int plane, DicomSlice s, ReadLimits limits) {
        ByteBuffer px = DicomSeriesReader.pixels(s, limits);
        boolean signed = s.pixelRepresentation() == 1;
        long slope = (long) s.slope();
        long inter = (long) s.intercept();
        boolean bytes = s.bitsAllocated() == 8;
        if (!bytes) {
            px.asShortBuffer().get(out, at, plane);
        }
        for (int i = 0; i < plane; i++) {
            int stored = bytes
                    ? (signed ? px.get(i) : px.get(i) & 0xFF)
                    : (signed ? out[at + i] : out[at + i] & 0xFFFF);
            long v = slope * stored + inter;
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                return false;
            }
            out[at + i] = (short) v;
        }
        return true;
    }

    private static void fillFloats(float[] out, int at, int plane, DicomSlice s, ReadLimits limits) {
        int[] stored = stored(s, plane, limits);
        for (int i = 0; i < plane; i++) {
            out[at + i] = (float) (s.slope() * stored[i] + s.intercept());
        }
    }

    /** The slice's stored values, signed or unsigned as its PixelRepresentation says. */
    private static int[] stored(DicomSlice s, int plane, ReadLimits limits) {
        ByteBuffer px = DicomSeriesReader.pixels(s, limits);
        boolean signed = s.pixelRepresentation() == 1;
        int[] v = new int[plane];
        if (s.bitsAllocated() == 8) {
            for (int i = 0; i < plane; i++) {
                byte b = px.get(i);
                v[i] = signed ? b : b & 0xFF;
            }
            return v;
        }
        short[] raw = new short[plane];
        ShortBuffer sb = px.asShortBuffer();
        sb.get(raw);
        for (int i = 0; i < plane; i++) {
            v[i] = signed ? raw[i] : raw[i] & 0xFFFF;
        }
        return v;
    }
}
