package org.corads.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Test kit: a corpus of malformed or implausible inputs, each paired with a phrase its one-line error must
 * contain. Built from scratch in a folder (plus a truncated copy of the real small CT).
 */
public final class BadInputCorpus {

    private BadInputCorpus() {}

    /** Writes the corpus under {@code dir}; returns path → expected phrase of the message. */
    public static Map<Path, String> build(Path dir, Path realSmallCt) throws IOException {
        Map<Path, String> c = new LinkedHashMap<>();
        byte[] real = Files.readAllBytes(realSmallCt);
        c.put(write(dir, "truncated.nii.gz", Arrays.copyOf(real, real.length / 2)), "truncated");
        c.put(write(dir, "wrong-magic.nii", new byte[400]), "not a NIfTI file");
        c.put(write(dir, "text-as.nii.gz", "hello, this is not an image\n".getBytes(StandardCharsets.US_ASCII)),
                "not a NIfTI file");
        c.put(write(dir, "empty.mha", new byte[0]), "empty or not a MetaImage");
        c.put(write(dir, "binary.mha", new byte[]{0, 1, 2, 3, (byte) 0xff, 10}), "not a MetaImage header");
        c.put(mha(dir, "short-data.mha", "2 2 2", "MET_SHORT", "1 1 1", false, new byte[10]), "truncated");
        c.put(mha(dir, "long-data.mha", "2 2 1", "MET_SHORT", "1 1 1", false, new byte[9]), "size mismatch");
        c.put(mha(dir, "absurd-dims.mha", "100000 100000 100000", "MET_SHORT", "1 1 1", false, new byte[8]),
                "refused before allocating");
        c.put(mha(dir, "negative-spacing.mha", "2 2 2", "MET_SHORT", "1 -1 1", false, new byte[16]), "spacing");
        c.put(mha(dir, "bad-type.mha", "2 2 2", "MET_LONG_LONG", "1 1 1", false, new byte[64]), "not supported");
        c.put(nanVolume(dir), "NaN");
        c.put(gzipBomb(dir), "more than");
        c.put(niftiClaiming(dir, "absurd-dims.nii.gz", new short[]{3, 30000, 30000, 30000}),
                "refused before allocating");
        c.put(niftiClaiming(dir, "four-d.nii", new short[]{4, 2, 2, 2, 3}), "single 3D volume");
        Path empty = Files.createDirectories(dir.resolve("empty-folder"));
        c.put(empty, "empty folder");
        Path junk = Files.createDirectories(dir.resolve("not-dicom-folder"));
        Files.writeString(junk.resolve("notes.txt"), "not an image");
        Files.write(junk.resolve("IM0001"), new byte[300]);
        c.put(junk, "no DICOM Part 10 files");
        Volume tiny = ramp(4, 4, 2);
        c.put(series(dir, "two-slices", tiny, DicomSliceWriter.EXPLICIT, -1), "only 2 slices");
        c.put(series(dir, "jpeg", tiny, DicomSliceWriter.JPEG_BASELINE, -1), "JPEG Baseline");
        c.put(series(dir, "missing-slice", ramp(4, 4, 20), DicomSliceWriter.EXPLICIT, 7), "uneven slice spacing");
        Path oneSlice = series(dir, "cut-dicom", tiny, DicomSliceWriter.EXPLICIT, -1).resolve("IM00000");
        byte[] d = Files.readAllBytes(oneSlice);
        Path cut = write(dir, "truncated.dcm", Arrays.copyOf(d, d.length - 10));
        c.put(cut, "truncated DICOM element");
        c.put(mha(dir, "not-hu.mha", "8 8 16", "MET_UCHAR", "1 1 1", false, new byte[8 * 8 * 16]), "1st percentile");
        c.put(write(dir, "image.png", new byte[]{(byte) 0x89, 'P', 'N', 'G'}), "unrecognised format");
        return c;
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static Path mha(Path dir, String name, String dims, String type, String spacing, boolean compressed,
            byte[] data) throws IOException {
        String h = "ObjectType = Image\nNDims = 3\nBinaryData = True\nCompressedData = "
                + (compressed ? "True" : "False") + "\nElementSpacing = " + spacing + "\nDimSize = " + dims
                + "\nElementType = " + type + "\nElementDataFile = LOCAL\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        return write(dir, name, out.toByteArray());
    }

    private static Path nanVolume(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * 4 * 4 * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64; i++) {
            b.putFloat(i % 10 == 3 ? Float.NaN : -1000f);
        }
        return mha(dir, "nan-voxels.mha", "4 4 4", "MET_FLOAT", "1 1 1", false, Arrays.copyOf(b.array(), 256));
    }

    /** 10×10×10 shorts promised, 1 GB of zeros in the zlib stream (about 1 MB on disk). */
    private static Path gzipBomb(Path dir) throws IOException {
        Path f = dir.resolve("zlib-bomb.mha");
        String h = "ObjectType = Image\nNDims = 3\nCompressedData = True\nElementSpacing = 1 1 1\nDimSize = 10 10 10\n"
                + "ElementType = MET_SHORT\nElementDataFile = LOCAL\n";
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(h.getBytes(StandardCharsets.US_ASCII));
            DeflaterOutputStream z = new DeflaterOutputStream(out);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                z.write(zeros);
            }
            z.finish();
        }
        return f;
    }

    private static Path niftiClaiming(Path dir, String name, short[] dims) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, i < dims.length ? dims[i] : 1);
        }
        b.putShort(70, (short) 4).putShort(72, (short) 16);
        b.putFloat(80, 1f).putFloat(84, 1f).putFloat(88, 1f);
        b.putFloat(108, 352f);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        Path f = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(f);
                OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            out.write(b.array());
            out.write(new byte[1024]);
        }
        return f;
    }

    private static Path series(Path dir, String name, Volume v, String syntax, int skip) throws IOException {
        Path d = dir.resolve(name);
        SyntheticSeries.write(v, d, syntax, "1.2.826.0.1." + Math.abs(name.hashCode()), 5, skip);
        return d;
    }

    /** An air-to-tissue ramp in HU: a plausible tiny CT. */
    public static Volume ramp(int nx, int ny, int nz) {
        Geometry g = Geometry.of(nx, ny, nz, 0.8, 0.8, 2.0);
        short[] s = new short[(int) g.voxelCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (-1000 + (i * 37) % 1100);
        }
        return Volume.adoptShorts(g, s);
    }
}
