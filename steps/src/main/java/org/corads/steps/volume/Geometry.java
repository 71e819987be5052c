package org.corads.steps.volume;

import java.util.Arrays;

/**
 * Where a voxel grid sits in patient space, in the LPS convention of DICOM and ITK.
 *
 * <p>Axis order is always (x, y, z) with x varying fastest in memory. The physical position of the
 * continuous index {@code i} is {@code origin + D · (spacing ⊙ i)}, where {@code D} is the 3×3 direction
 * matrix stored row-major: column {@code c} of {@code D} is the unit direction of axis {@code c}.
 * Instances are immutable; arrays are copied in and out.
 *
 * @param size      number of voxels per axis (x, y, z), each ≥ 1
 * @param spacingMm voxel spacing per axis in millimetres, each finite and &gt; 0
 * @param originMm  physical position (LPS, mm) of voxel (0, 0, 0)
 * @param direction 9 values, row-major; columns are orthonormal axis directions
 */
public record Geometry(int[] size, double[] spacingMm, double[] originMm, double[] direction) {

    /** Identity direction cosines. */
    public static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private static final double ORTHO_TOLERANCE = 1e-3;
    /** Direction cosines stored as 6-decimal text (DICOM DS) agree to about this. */
    private static final double DIRECTION_TOLERANCE = 1e-5;

    public Geometry {
        size = checkedCopy(size, 3, "size").clone();
        spacingMm = checkedCopy(spacingMm, 3, "spacingMm");
        originMm = checkedCopy(originMm, 3, "originMm");
        direction = checkedCopy(direction, 9, "direction");
        for (int a = 0; a < 3; a++) {
            if (size[a] < 1) {
                throw new IllegalArgumentException("size must be ≥ 1 on every axis, got " + Arrays.toString(size));
            }
            if (!(spacingMm[a] > 0) || !Double.isFinite(spacingMm[a])) {
                throw new IllegalArgumentException(
                        "spacing must be finite and > 0 mm, got " + Arrays.toString(spacingMm));
            }
            if (!Double.isFinite(originMm[a])) {
                throw new IllegalArgumentException("origin must be finite, got " + Arrays.toString(originMm));
            }
        }
        checkOrthonormal(direction);
    }

    /** A geometry with identity direction. */
    public static Geometry of(int nx, int ny, int nz, double sx, double sy, double sz) {
        return new Geometry(new int[]{nx, ny, nz}, new double[]{sx, sy, sz}, new double[3], IDENTITY);
    }

    private static int[] checkedCopy(int[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " values");
        }
        return a.clone();
    }

    private static double[] checkedCopy(double[] a, int n, String name) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(name + " must have " + n + " values");
        }
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException(name + " must be finite, got " + Arrays.toString(a));
            }
            c[i] += 0.0; // −0.0 → 0.0, so that equal geometries compare equal
        }
        return c;
    }

    private static void checkOrthonormal(double[] d) {
        for (int c1 = 0; c1 < 3; c1++) {
            for (int c2 = c1; c2 < 3; c2++) {
                double dot = 0;
                for (int r = 0; r < 3; r++) {
                    dot += d[r * 3 + c1] * d[r * 3 + c2];
                }
                double expected = c1 == c2 ? 1 : 0;
                if (Math.abs(dot - expected) > ORTHO_TOLERANCE) {
                    throw new IllegalArgumentException(
                            "direction columns must be orthonormal, got " + Arrays.toString(d));
                }
            }
        }
    }

    @Override
    public int[] size() {
        return size.clone();
    }

    @Override
    public double[] spacingMm() {
        return spacingMm.clone();
    }

    @Override
    public double[] originMm() {
        return originMm.clone();
    }

    @Override
    public double[] direction() {
        return direction.clone();
    }

    public int nx() {
        return size[0];
    }

    public int ny() {
        return size[1];
    }

    public int nz() {
        return size[2];
    }

    public double spacing(int axis) {
        return spacingMm[axis];
    }

    /** Total number of voxels as a long (may exceed int range; callers check before allocating). */
    public long voxelCount() {
        return (long) size[0] * size[1] * size[2];
    }

    /** Linear index of (x, y, z), x fastest. */
    public int index(int x, int y, int z) {
        return x + size[0] * (y + size[1] * z);
    }

    /** Physical LPS position (mm) of a continuous index (x, y, z). */
    public double[] indexToPhysical(double ix, double iy, double iz) {
        double[] s = {ix * spacingMm[0], iy * spacingMm[1], iz * spacingMm[2]};
        double[] p = new double[3];
        for (int r = 0; r < 3; r++) {
            p[r] = originMm[r] + direction[r * 3] * s[0] + direction[r * 3 + 1] * s[1] + direction[r * 3 + 2] * s[2];
        }
        return p;
    }

    /** Continuous index of a physical LPS position (mm); the inverse of {@link #indexToPhysical}. */
    public double[] physicalToIndex(double[] pointMm) {
        double[] d = {pointMm[0] - originMm[0], pointMm[1] - originMm[1], pointMm[2] - originMm[2]};
        double[] idx = new double[3];
        for (int c = 0; c < 3; c++) {
            // D is orthonormal, so D^-1 = D^T
            double proj = direction[c] * d[0] + direction[3 + c] * d[1] + direction[6 + c] * d[2];
            idx[c] = proj / spacingMm[c];
        }
        return idx;
    }

    /**
     * Index bounds (floor, clamped into the grid) of a physical point; for axis-aligned bounding boxes, which
     * is exact when the direction is a signed permutation (e.g. identity).
     */
    public int[] physicalToIndexFloor(double x, double y, double z) {
        double[] i = physicalToIndex(new double[]{x, y, z});
        return new int[]{clamp((int) Math.floor(i[0]), 0), clamp((int) Math.floor(i[1]), 1),
                clamp((int) Math.floor(i[2]), 2)};
    }

    /** Index bounds (ceiling, clamped into the grid) of a physical point; for bounding boxes. */
    public int[] physicalToIndexCeil(double x, double y, double z) {
        double[] i = physicalToIndex(new double[]{x, y, z});
        return new int[]{clamp((int) Math.ceil(i[0]), 0), clamp((int) Math.ceil(i[1]), 1),
                clamp((int) Math.ceil(i[2]), 2)};
    }

    private int clamp(int v, int axis) {
        return Math.max(0, Math.min(size[axis] - 1, v));
    }

    /** Same grid position and orientation, another size and spacing. */
    public Geometry withSizeAndSpacing(int[] newSize, double[] newSpacingMm) {
        return new Geometry(newSize, newSpacingMm, originMm, direction);
    }

    /** Same everything but the origin. */
    public Geometry withOrigin(double[] newOriginMm) {
        return new Geometry(size, spacingMm, newOriginMm, direction);
    }

    /** True when size is equal and spacing, origin and direction agree within {@code toleranceMm}. */
    public boolean approximatelyEquals(Geometry o, double toleranceMm) {
        if (!Arrays.equals(size, o.size)) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (Math.abs(spacingMm[i] - o.spacingMm[i]) > toleranceMm
                    || Math.abs(originMm[i] - o.originMm[i]) > toleranceMm) {
                return false;
            }
        }
        for (int i = 0; i < 9; i++) {
            if (Math.abs(direction[i] - o.direction[i]) > DIRECTION_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry g && Arrays.equals(size, g.size) && Arrays.equals(spacingMm, g.spacingMm)
                && Arrays.equals(originMm, g.originMm) && Arrays.equals(direction, g.direction);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(size) + Arrays.hashCode(spacingMm)) + Arrays.hashCode(originMm))
                + Arrays.hashCode(direction);
    }

    @Override
    public String toString() {
        return "Geometry[size=" + Arrays.toString(size) + ", spacingMm=" + Arrays.toString(spacingMm) + ", originMm="
                + Arrays.toString(originMm) + ", direction=" + Arrays.toString(direction) + "]";
    }
}
