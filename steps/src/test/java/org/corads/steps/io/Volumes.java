package org.corads.steps.io;

import java.nio.file.Path;
import java.util.Random;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;

/** Small test volumes with a non-identity direction and anisotropic spacing. */
public final class Volumes {
    /** A proper rotation: 30° about z, then a tilt of 20° about x. */
    static final double[] OBLIQUE = oblique();

    private Volumes() {}

    static Path realCt(String name) {
        return Path.of(System.getProperty("corads.shared.dir", "../../shared"), "data", "ct", name);
    }

    static Geometry geometry() {
        return new Geometry(new int[]{5, 4, 3}, new double[]{0.7, 0.8, 2.5}, new double[]{-12.5, 30.25, -100}, OBLIQUE);
    }

    static Volume random(VoxelType type, long seed) {
        return random(type, seed, geometry());
    }

    /** Random voxels of a type on a grid: INT16 in [−1024, 2976), UINT8 any byte, FLOAT32 standard normal. */
    public static Volume random(VoxelType type, long seed, Geometry g) {
        int n = (int) g.voxelCount();
        Random r = new Random(seed);
        return switch (type) {
            case INT16 -> {
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = (short) (r.nextInt(4000) - 1024);
                }
                yield Volume.adoptShorts(g, s);
            }
            case UINT8 -> {
                byte[] b = new byte[n];
                r.nextBytes(b);
                yield Volume.adoptBytes(g, b);
            }
            case FLOAT32 -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) r.nextGaussian();
                }
                yield Volume.adoptFloats(g, f);
            }
        };
    }

    private static double[] oblique() {
        double a = Math.toRadians(30);
        double b = Math.toRadians(20);
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    m[i * 3 + j] += rx[i * 3 + k] * rz[k * 3 + j];
                }
            }
        }
        return m;
    }
}
