package org.corads.steps.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.corads.steps.volume.Geometry;

/**
 * The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that the reader needs.
 * Offsets follow nifti1.h and nifti2.h.
 */
record NiftiHeader(Path file, int version, ByteOrder order, long[] dims, RawVoxels.Stored stored, long voxOffset,
        double slope, double intercept, Geometry geometry) {

    int headerSize() {
        return version == 1 ? 348 : 540;
    }

    /** Decides version and byte order from sizeof_hdr. */
    static NiftiHeader detect(byte[] first4, Path file) {
        ByteBuffer b = ByteBuffer.wrap(first4);
        for (ByteOrder o : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int size = b.order(o).getInt(0);
            if (size == 348 || size == 540) {
                return new NiftiHeader(file, size == 348 ? 1 : 2, o, null, null, 0, 1, 0, null);
            }
        }
        throw BadInputException.of(file, "not a NIfTI file: sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2)");
    }

    NiftiHeader parse(ByteBuffer b) {
        return version == 1 ? parse1(b) : parse2(b);
    }

    private NiftiHeader parse1(ByteBuffer b) {
        String magic = magic(b, 344, 4);
        if (magic.equals("ni1")) {
            throw BadInputException.of(file,
                    "two-file NIfTI (.hdr/.img) is not supported; expected a single .nii or .nii.gz");
        }
        if (!magic.equals("n+1")) {
            throw BadInputException.of(file, "not a NIfTI-1 file: magic '" + printable(magic) + "', expected 'n+1'");
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        int datatype = b.getShort(70);
        long voxOffset = (long) b.getFloat(108);
        double slope = b.getFloat(112);
        double inter = b.getFloat(116);
        int qcode = b.getShort(252);
        int scode = b.getShort(254);
        double[] quat = new double[6];
        for (int i = 0; i < 6; i++) {
            quat[i] = b.getFloat(256 + 4 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(280 + 4 * i);
        }
        return finish(dim, datatype, voxOffset, slope, inter, qcode, scode, quat, srow, pixdim);
    }

    private NiftiHeader parse2(ByteBuffer b) {
        String magic = magic(b, 4, 3);
        if (!magic.equals("n+2")) {
            throw BadInputException.of(file,
                    "not a single-file NIfTI-2: magic '" + printable(magic) + "', expected 'n+2'");
        }
        int datatype = b.getShort(12);
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getLong(16 + 8 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getDouble(104 + 8 * i);
        }
        long voxOffset = b.getLong(168);
        double slope = b.getDouble(176);
        double inter = b.getDouble(184);
        int qcode = b.getInt(344);
        int scode = b.getInt(348);
        double[] quat = new double[6];
        for (int i = 0; i < 6; i++) {
            quat[i] = b.getDouble(352 + 8 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getDouble(400 + 8 * i);
        }
        return finish(dim, datatype, voxOffset, slope, inter, qcode, scode, quat, srow, pixdim);
    }

    private NiftiHeader finish(long[] dim, int datatype, long voxOffset, double slope, double inter, int qcode,
            int scode, double[] quat, double[] srow, double[] pixdim) {
        long nd = dim[0];
        if (nd < 2 || nd > 7) {
            throw BadInputException.of(file,
                    "dim[0] = " + nd + " is not a valid number of dimensions (1–7), or the file is corrupt");
        }
        for (int i = 4; i <= nd; i++) {
            if (dim[i] > 1) {
                throw BadInputException.of(file,
                        "has " + nd + " dimensions (dim[" + i + "] = " + dim[i] + "); expected a single 3D volume");
            }
        }
        long[] dims = {dim[1], dim[2], nd >= 3 ? dim[3] : 1};
        for (long d : dims) {
            if (d < 1) {
                throw BadInputException.of(file, "dimension " + d + " is not positive; expected sizes ≥ 1");
            }
        }
        RawVoxels.Stored st = storedOf(datatype);
        if (Double.isInfinite(slope) || Double.isInfinite(inter)) {
            throw BadInputException.of(file, "scl_slope/scl_inter are infinite; expected finite or 0/NaN (no scaling)");
        }
        if (slope == 0 || Double.isNaN(slope)) { // the NIfTI standard: no scaling
            slope = 1;
            inter = 0;
        }
        if (Double.isNaN(inter)) {
            inter = 0;
        }
        if (voxOffset < headerSize()) {
            voxOffset = version == 1 ? 352 : 544;
        }
        Geometry g = geometryFrom(dims, qcode, scode, quat, srow, pixdim);
        return new NiftiHeader(file, version, order, dims, st, voxOffset, slope, inter, g);
    }

    private Geometry geometryFrom(long[] dims, int qcode, int scode, double[] quat, double[] srow, double[] pixdim) {
        int[] size = {(int) Math.min(dims[0], Integer.MAX_VALUE), (int) Math.min(dims[1], Integer.MAX_VALUE),
                (int) Math.min(dims[2], Integer.MAX_VALUE)};
        for (int i = 1; i <= 3; i++) {
            if (pixdim[i] < 0 || !Double.isFinite(pixdim[i])) {
                throw BadInputException.of(file, "pixdim[" + i + "] = " + pixdim[i] + " is negative or not finite; "
                        + "expected voxel spacing > 0 mm");
            }
        }
        if (scode > 0) {
            try {
                return NiftiIO.fromRasAffine(srow, size, file);
            } catch (BadInputException e) {
                if (qcode <= 0) {
                    throw e;
                }
            }
        }
        double[] sp = {pixdim[1], pixdim[2], pixdim[3]};
        for (int i = 0; i < 3; i++) {
            if (sp[i] == 0) {
                throw BadInputException.of(file, "pixdim[" + (i + 1) + "] is 0; expected voxel spacing > 0 mm");
            }
        }
        if (qcode > 0) {
            double[] r = Quaternion.toRotation(quat[0], quat[1], quat[2], pixdim[0]);
            double[] a = new double[12];
            for (int row = 0; row < 3; row++) {
                for (int c = 0; c < 3; c++) {
                    a[row * 4 + c] = r[row * 3 + c] * sp[c];
                }
                a[row * 4 + 3] = quat[3 + row];
            }
            return NiftiIO.fromRasAffine(a, size, file);
        }
        double[] a = {sp[0], 0, 0, 0, 0, sp[1], 0, 0, 0, 0, sp[2], 0};
        return NiftiIO.fromRasAffine(a, size, file);
    }

    private RawVoxels.Stored storedOf(int datatype) {
        return switch (datatype) {
            case 2 -> RawVoxels.Stored.UINT8;
            case 4 -> RawVoxels.Stored.INT16;
            case 8 -> RawVoxels.Stored.INT32;
            case 16 -> RawVoxels.Stored.FLOAT32;
            case 64 -> RawVoxels.Stored.FLOAT64;
            case 256 -> RawVoxels.Stored.INT8;
            case 512 -> RawVoxels.Stored.UINT16;
            case 768 -> RawVoxels.Stored.UINT32;
            default -> throw BadInputException.of(file,
                    "NIfTI datatype " + datatype + " is not supported; expected "
                            + "uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64), int8 (256), uint16 "
                            + "(512), uint32 (768)");
        };
    }

    static int code(RawVoxels.Stored s) {
        return switch (s) {
            case UINT8 -> 2;
            case INT16 -> 4;
            case FLOAT32 -> 16;
            default -> throw new IllegalArgumentException("writer does not emit " + s);
        };
    }

    private static String magic(ByteBuffer b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            byte c = b.get(off + i);
            if (c == 0) {
                break;
            }
            sb.append((char) (c & 0xFF));
        }
        return sb.toString();
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
