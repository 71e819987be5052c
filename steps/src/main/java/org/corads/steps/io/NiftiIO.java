package org.corads.steps.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Reads NIfTI-1 and NIfTI-2 single files ({@code .nii}, {@code .nii.gz}) and writes NIfTI-1.
 *
 * <p>Read: either byte order; datatypes uint8, int8, int16, uint16, int32, float32, float64; 3D (or 2D)
 * only; scl_slope/scl_inter applied when slope ≠ 0; orientation from the sform when its code is &gt; 0
 * (and it is free of shear), else the qform, else pixdim alone (ANALYZE). The NIfTI RAS+ world is converted
 * to LPS by negating the first two rows of the affine. Write: NIfTI-1, little endian, sform and qform both
 * set (code 1, scanner), gzip when the name ends in {@code .gz}.
 */
public final class NiftiIO {

    private NiftiIO() {}

    public static LoadedVolume read(Path file, ReadLimits limits) {
        try (InputStream in = StreamData.open(file)) {
            byte[] first = StreamData.readExactly(in, 4, file, "NIfTI header");
            NiftiHeader h = NiftiHeader.detect(first, file);
            byte[] rest = StreamData.readExactly(in, h.headerSize() - 4, file, "NIfTI header");
            ByteBuffer hb = ByteBuffer.allocate(h.headerSize()).order(h.order());
            hb.put(first).put(rest).flip();
            h = h.parse(hb);
            long n = limits.check(file, h.dims(), h.stored().bytes);
            long skip = h.voxOffset() - h.headerSize();
            if (skip < 0) {
                throw BadInputException.of(file, "vox_offset " + h.voxOffset() + " lies inside the header");
            }
            StreamData.skipExactly(in, skip, file, "header extensions");
            byte[] data = StreamData.readExactly(in, n * h.stored().bytes, file, "voxel data");
            return new LoadedVolume(
                    RawVoxels.decode(h.geometry(), data, h.stored(), h.order(), h.slope(), h.intercept()), "nifti");
        } catch (IOException e) {
            throw StreamData.wrap(file, e);
        }
    }

    /** Writes NIfTI-1; gzip-compressed when the name ends in {@code .gz}. The file appears atomically. */
    public static void write(Volume v, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), StreamData.BUFFER);
                    OutputStream out = gz ? new FastGzip(raw) : raw) {
                out.write(header(v));
                RawVoxels.write(v, ByteOrder.LITTLE_ENDIAN, Channels.newChannel(out));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** gzip at the fastest level: CT compresses nearly as well and several times faster. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, StreamData.BUFFER);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    static byte[] header(Volume v) {
        Geometry g = v.geometry();
        ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        int[] s = g.size();
        short[] dim = {3, (short) s[0], (short) s[1], (short) s[2], 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        RawVoxels.Stored st = RawVoxels.storedTypeOf(v);
        b.putShort(70, (short) NiftiHeader.code(st));
        b.putShort(72, (short) (st.bytes * 8));
        double[] sp = g.spacingMm();
        // RAS affine columns: diag(-1,-1,1) · D · diag(spacing)
        double[] d = g.direction();
        double[] ras = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                ras[r * 3 + c] = (r < 2 ? -1 : 1) * d[r * 3 + c];
            }
        }
        double[] o = g.originMm();
        double[] oRas = {-o[0], -o[1], o[2]};
        double[] q = Quaternion.fromRotation(ras);
        b.putFloat(76, (float) q[4]);
        for (int i = 0; i < 3; i++) {
            b.putFloat(80 + 4 * i, (float) sp[i]);
        }
        b.putFloat(108, 352f);
        b.putFloat(112, 1f);
        b.putFloat(116, 0f);
        b.put(123, (byte) 2); // xyzt_units: mm
        b.putShort(252, (short) 1);
        b.putShort(254, (short) 1);
        for (int i = 0; i < 3; i++) {
            b.putFloat(256 + 4 * i, (float) q[i + 1]);
            b.putFloat(268 + 4 * i, (float) oRas[i]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                b.putFloat(280 + 16 * r + 4 * c, (float) (ras[r * 3 + c] * sp[c]));
            }
            b.putFloat(280 + 16 * r + 12, (float) oRas[r]);
        }
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        return b.array();
    }

    /** Geometry from a 3×4 RAS affine (row-major), converted to LPS. */
    static Geometry fromRasAffine(double[] a, int[] size, Path file) {
        double[] sp = new double[3];
        double[] dir = new double[9];
        for (int c = 0; c < 3; c++) {
            double norm = Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw BadInputException.of(file,
                        "affine column " + c + " has zero or non-finite length; " + "expected positive voxel spacing");
            }
            sp[c] = norm;
            for (int r = 0; r < 3; r++) {
                dir[r * 3 + c] = (r < 2 ? -1 : 1) * a[r * 4 + c] / norm;
            }
        }
        double[] origin = {-a[3], -a[7], a[11]};
        try {
            return new Geometry(size, sp, origin, dir);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(file, "invalid orientation: " + e.getMessage());
        }
    }
}
