package org.corads.steps.io;

/** Conversions between NIfTI quaternions and rotation matrices (nifti1_io's algorithms). */
final class Quaternion {

    private Quaternion() {}

    /**
     * Rotation matrix (row-major 3×3) of quaternion (b, c, d) with {@code qfac} = ±1 applied to column 2.
     */
    static double[] toRotation(double b, double c, double d, double qfac) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            double s = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= s;
            c *= s;
            d *= s;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double q = qfac < 0 ? -1 : 1;
        return new double[]{a * a + b * b - c * c - d * d, 2 * b * c - 2 * a * d, q * (2 * b * d + 2 * a * c),
                2 * b * c + 2 * a * d, a * a + c * c - b * b - d * d, q * (2 * c * d - 2 * a * b),
                2 * b * d - 2 * a * c, 2 * c * d + 2 * a * b, q * (a * a + d * d - c * c - b * b)};
    }

    /**
     * Quaternion of an orthonormal matrix (row-major): returns {a, b, c, d, qfac}; a matrix with negative
     * determinant gets qfac −1 and its third column negated first.
     */
    static double[] fromRotation(double[] m) {
        double[] r = m.clone();
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double a = r[0] + r[4] + r[8] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[7] - r[5]) / a;
            c = 0.25 * (r[2] - r[6]) / a;
            d = 0.25 * (r[3] - r[1]) / a;
        } else {
            double xd = 1 + r[0] - (r[4] + r[8]);
            double yd = 1 + r[4] - (r[0] + r[8]);
            double zd = 1 + r[8] - (r[0] + r[4]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[1] + r[3]) / b;
                d = 0.25 * (r[2] + r[6]) / b;
                a = 0.25 * (r[7] - r[5]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[1] + r[3]) / c;
                d = 0.25 * (r[5] + r[7]) / c;
                a = 0.25 * (r[2] - r[6]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[2] + r[6]) / d;
                c = 0.25 * (r[5] + r[7]) / d;
                a = 0.25 * (r[3] - r[1]) / d;
            }
            if (a < 0) {
                a = -a;
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[]{a, b, c, d, qfac};
    }
}
