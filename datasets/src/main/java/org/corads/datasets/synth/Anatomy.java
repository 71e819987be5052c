package org.corads.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random patient body in mm (LPS; x left, y posterior, z superior; the body axis at x = y = 0): body
 * ellipse, two ellipsoid lungs, trachea and main bronchi, spine, ribs, table, pulmonary vessels.
 */
record Anatomy(double bodyA, double bodyB, double lungAx, double lungAy, double lungAz, double lungX, double lungZ,
        double tracheaR, double carinaZ, double zMin, double zMax, List<double[]> vessels, double noiseHu) {

    static Anatomy random(SplittableRandom r) {
        double bodyA = uniform(r, 140, 185);
        double bodyB = uniform(r, 100, 130);
        double lungAz = uniform(r, 105, 135);
        double lungZ = 0;
        double lungAx = bodyA * uniform(r, 0.28, 0.33);
        double lungAy = bodyB * uniform(r, 0.68, 0.76);
        double lungX = bodyA * uniform(r, 0.42, 0.47);
        double zMin = lungZ - lungAz - uniform(r, 5, 40);
        double zMax = lungZ + lungAz + uniform(r, -15, 45);
        List<double[]> vessels = new ArrayList<>();
        for (int side : new int[]{-1, 1}) {
            for (int k = 0; k < 14; k++) {
                double[] hilum = {side * (lungX - lungAx * 0.55), uniform(r, -10, 10), lungZ + uniform(r, -20, 30)};
                double theta = uniform(r, -Math.PI, Math.PI);
                double phi = uniform(r, -1.0, 1.0);
                double len = uniform(r, 30, 80);
                double[] end = {hilum[0] + side * Math.abs(Math.cos(theta)) * len * 0.8,
                        hilum[1] + Math.sin(theta) * len * 0.7, hilum[2] + phi * len};
                vessels.add(new double[]{hilum[0], hilum[1], hilum[2], end[0], end[1], end[2], uniform(r, 1.0, 2.2)});
            }
        }
        return new Anatomy(bodyA, bodyB, lungAx, lungAy, lungAz, lungX, lungZ, uniform(r, 7, 10),
                lungZ + lungAz - uniform(r, 55, 75), zMin, zMax, vessels, uniform(r, 8, 20));
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Normalised radius² of a point in the lung on side −1 (right, x &lt; 0) or +1 (left). */
    double lungR2(int side, double x, double y, double z) {
        double dx = (x - side * lungX) / lungAx;
        double dy = y / lungAy;
        double dz = (z - lungZ) / lungAz;
        return dx * dx + dy * dy + dz * dz;
    }
}
