package org.corads.datasets.synth;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Renders an {@link Anatomy} and lesion {@link Blob}s onto a voxel grid: INT16 HU with Gaussian noise, and a
 * UINT8 lesion mask (0 background, 1 GGO, 2 consolidation). Slices are rendered in parallel, each with its own
 * seeded noise stream, so the result does not depend on the number of threads.
 */
final class ChestPhantom {
    static final byte AIR = 0;
    static final byte BODY = 1;
    static final byte LUNG = 2;

    private ChestPhantom() {}

    /** A CT and its lesion mask. */
    record Rendered(Volume ct, Volume lesions) {}

    static Rendered render(Anatomy a, List<Blob> blobs, Geometry g, long noiseSeed) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int plane = nx * ny;
        float[] hu = new float[plane * nz];
        byte[] tissue = new byte[plane * nz];
        byte[] mask = new byte[plane * nz];
        IntStream.range(0, nz).parallel().forEach(z -> base(a, g, z, hu, tissue));
        for (double[] v : a.vessels()) {
            paintTube(g, hu, tissue, v);
        }
        for (Blob b : blobs) {
            paintBlob(g, hu, tissue, mask, b);
        }
        short[] out = new short[hu.length];
        IntStream.range(0, nz).parallel().forEach(z -> {
            SplittableRandom r = new SplittableRandom(noiseSeed * 1_000_003L + z);
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                double sigma = tissue[i] == LUNG ? a.noiseHu() * 1.3 : a.noiseHu();
                double v = hu[i] + gaussian(r) * sigma;
                out[i] = (short) Math.max(-1024, Math.min(3071, Math.round(v)));
            }
        });
        return new Rendered(Volume.adoptShorts(g, out), Volume.adoptBytes(g, mask));
    }

    private static void base(Anatomy a, Geometry g, int z, float[] hu, byte[] tissue) {
        int nx = g.nx();
        int ny = g.ny();
        double pz = g.indexToPhysical(0, 0, z)[2];
        double[] o = g.originMm();
        double sx = g.spacing(0);
        double sy = g.spacing(1);
        boolean ribBand = Math.floorMod((long) Math.floor(pz), 28) < 9;
        double yT = -0.25 * a.lungAy();
        for (int y = 0; y < ny; y++) {
            double py = o[1] + y * sy;
            for (int x = 0; x < nx; x++) {
                double px = o[0] + x * sx;
                int i = (z * ny + y) * nx + x;
                double e = sq(px / a.bodyA()) + sq(py / a.bodyB());
                float v = -1000;
                byte t = AIR;
                if (e <= 1) {
                    v = 40;
                    t = BODY;
                    if (sq(px) + sq(py - (a.bodyB() - 38)) <= 15 * 15) {
                        v = 350;
                    } else if (ribBand && e >= 0.74 && e <= 0.86 && py > -0.5 * a.bodyB()) {
                        v = 700;
                    } else if (a.lungR2(-1, px, py, pz) <= 1 || a.lungR2(1, px, py, pz) <= 1) {
                        v = -850;
                        t = LUNG;
                    }
                    if (airway(a, px, py, pz, yT)) {
                        v = -1000;
                        t = BODY;
                    }
                } else if (py >= a.bodyB() + 8 && py <= a.bodyB() + 18 && Math.abs(px) < a.bodyA() * 1.15) {
                    v = 150;
                }
                hu[i] = v;
                tissue[i] = t;
            }
        }
    }

    /** Trachea above the carina; two main bronchi from the carina down and out towards each lung. */
    private static boolean airway(Anatomy a, double px, double py, double pz, double yT) {
        if (pz >= a.carinaZ()) {
            return sq(px) + sq(py - yT) <= sq(a.tracheaR());
        }
        double drop = 35;
        if (pz < a.carinaZ() - drop) {
            return false;
        }
        double f = (a.carinaZ() - pz) / drop;
        for (int side : new int[]{-1, 1}) {
            double cx = side * f * (a.lungX() - 0.5 * a.lungAx());
            double cy = yT * (1 - f);
            if (sq(px - cx) + sq(py - cy) <= sq(a.tracheaR() * 0.7)) {
                return true;
            }
        }
        return false;
    }

    private static void paintTube(Geometry g, float[] hu, byte[] tissue, double[] v) {
        double r = v[6];
        int[] lo = g.physicalToIndexFloor(Math.min(v[0], v[3]) - r, Math.min(v[1], v[4]) - r, Math.min(v[2], v[5]) - r);
        int[] hi = g.physicalToIndexCeil(Math.max(v[0], v[3]) + r, Math.max(v[1], v[4]) + r, Math.max(v[2], v[5]) + r);
        double[] d = {v[3] - v[0], v[4] - v[1], v[5] - v[2]};
        double len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
        for (int z = lo[2]; z <= hi[2]; z++) {
            for (int y = lo[1]; y <= hi[1]; y++) {
                for (int x = lo[0]; x <= hi[0]; x++) {
                    int i = g.index(x, y, z);
                    if (tissue[i] != LUNG) {
                        continue;
                    }
                    double[] p = g.indexToPhysical(x, y, z);
                    double t = Math.max(0,
                            Math.min(1, ((p[0] - v[0]) * d[0] + (p[1] - v[1]) * d[1] + (p[2] - v[2]) * d[2]) / len2));
                    double dist2 = sq(p[0] - v[0] - t * d[0]) + sq(p[1] - v[1] - t * d[1]) + sq(p[2] - v[2] - t * d[2]);
                    if (dist2 <= r * r) {
                        hu[i] = 30;
                    }
                }
            }
        }
    }

    private static void paintBlob(Geometry g, float[] hu, byte[] tissue, byte[] mask, Blob b) {
        int[] lo = g.physicalToIndexFloor(b.cx() - b.rx(), b.cy() - b.ry(), b.cz() - b.rz());
        int[] hi = g.physicalToIndexCeil(b.cx() + b.rx(), b.cy() + b.ry(), b.cz() + b.rz());
        for (int z = lo[2]; z <= hi[2]; z++) {
            for (int y = lo[1]; y <= hi[1]; y++) {
                for (int x = lo[0]; x <= hi[0]; x++) {
                    int i = g.index(x, y, z);
                    if (b.lungOnly() && tissue[i] != LUNG) {
                        continue;
                    }
                    double[] p = g.indexToPhysical(x, y, z);
                    double r = Math.sqrt(
                            sq((p[0] - b.cx()) / b.rx()) + sq((p[1] - b.cy()) / b.ry()) + sq((p[2] - b.cz()) / b.rz()));
                    if (r > 1) {
                        continue;
                    }
                    double w = r <= 0.8 ? 1 : (1 - r) / 0.2;
                    hu[i] = (float) (hu[i] + w * (b.hu() - hu[i]));
                    if (r <= 0.9 && b.label() > mask[i]) {
                        mask[i] = (byte) b.label();
                    }
                }
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double sq(double v) {
        return v * v;
    }
}
