package org.corads.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lesions by CO-RADS grade (what the image shows), in mm inside the anatomy's lungs:
 * <ul>
 * <li>1 — none, or one or two tiny solid nodules (not infection; not in the lesion mask);</li>
 * <li>2 — typical of other infections: a single lobar consolidation, or a cluster of centrilobular GGO nodules;</li>
 * <li>3 — equivocal: one to three small ground-glass patches in one lung;</li>
 * <li>4 — multifocal, bilateral, peripheral, lower-lobe predominant GGO with some consolidation;</li>
 * <li>5 — as 4, more and larger, with consolidation growing inside the GGO.</li>
 * </ul>
 * GGO is −700…−300 HU (label 1), consolidation −100…+50 HU (label 2).
 */
final class LesionPlanner {

    private LesionPlanner() {}

    static List<Blob> plan(int grade, Anatomy a, SplittableRandom r) {
        List<Blob> out = new ArrayList<>();
        switch (grade) {
            case 1 -> {
                int n = r.nextDouble() < 0.4 ? 1 + r.nextInt(2) : 0;
                for (int i = 0; i < n; i++) {
                    double[] c = pointInLung(a, r, side(r), 0.2, 0.8, false);
                    double rad = Anatomy.uniform(r, 2, 3.5);
                    out.add(new Blob(c[0], c[1], c[2], rad, rad, rad, 30, 0, true));
                }
            }
            case 2 -> {
                int s = side(r);
                if (r.nextBoolean()) {
                    double[] c = pointInLung(a, r, s, 0.2, 0.5, r.nextBoolean());
                    out.add(new Blob(c[0], c[1], c[2], Anatomy.uniform(r, 22, 35), Anatomy.uniform(r, 20, 32),
                            Anatomy.uniform(r, 25, 40), Anatomy.uniform(r, -80, 20), 2, true));
                } else {
                    double[] centre = pointInLung(a, r, s, 0.2, 0.6, false);
                    int n = 8 + r.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        double rad = Anatomy.uniform(r, 2.5, 4);
                        out.add(new Blob(centre[0] + Anatomy.uniform(r, -20, 20),
                                centre[1] + Anatomy.uniform(r, -20, 20), centre[2] + Anatomy.uniform(r, -20, 20), rad,
                                rad, rad, Anatomy.uniform(r, -600, -400), 1, true));
                    }
                }
            }
            case 3 -> {
                int s = side(r);
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    out.add(ggo(a, r, s, 8, 16, 0.3, 0.9, false));
                }
            }
            case 4 -> patches(out, a, r, 4 + r.nextInt(4), 12, 25, 0.2);
            case 5 -> patches(out, a, r, 8 + r.nextInt(5), 18, 35, 0.5);
            default -> throw new IllegalArgumentException("grade must be 1–5, got " + grade);
        }
        return out;
    }

    private static void patches(List<Blob> out, Anatomy a, SplittableRandom r, int n, double rMin, double rMax,
            double coreFraction) {
        for (int i = 0; i < n; i++) {
            int s = i % 2 == 0 ? -1 : 1;
            out.add(ggo(a, r, s, rMin, rMax, 0.65, 0.95, r.nextDouble() < 0.75));
            if (r.nextDouble() < coreFraction) {
                Blob g = out.get(out.size() - 1);
                double k = Anatomy.uniform(r, 0.35, 0.55);
                out.add(new Blob(g.cx(), g.cy(), g.cz(), g.rx() * k, g.ry() * k, g.rz() * k,
                        Anatomy.uniform(r, -100, 50), 2, true));
            }
        }
    }

    private static Blob ggo(Anatomy a, SplittableRandom r, int side, double rMin, double rMax, double radialMin,
            double radialMax, boolean lower) {
        double[] c = pointInLung(a, r, side, radialMin, radialMax, lower);
        double rad = Anatomy.uniform(r, rMin, rMax);
        return new Blob(c[0], c[1], c[2], rad * Anatomy.uniform(r, 0.7, 1.0), rad * Anatomy.uniform(r, 0.7, 1.0),
                rad * Anatomy.uniform(r, 0.8, 1.3), Anatomy.uniform(r, -700, -300), 1, true);
    }

    /** A point at normalised radius in [min, max] of the lung on {@code side}; lower half when asked. */
    private static double[] pointInLung(Anatomy a, SplittableRandom r, int side, double min, double max,
            boolean lower) {
        double rho = Anatomy.uniform(r, min, max);
        double theta = Anatomy.uniform(r, 0, 2 * Math.PI);
        double cosPhi = lower ? Anatomy.uniform(r, -0.95, 0.0) : Anatomy.uniform(r, -0.9, 0.9);
        double sinPhi = Math.sqrt(1 - cosPhi * cosPhi);
        return new double[]{side * a.lungX() + a.lungAx() * rho * sinPhi * Math.cos(theta),
                a.lungAy() * rho * sinPhi * Math.sin(theta), a.lungZ() + a.lungAz() * rho * cosPhi};
    }

    private static int side(SplittableRandom r) {
        return r.nextBoolean() ? -1 : 1;
    }
}
