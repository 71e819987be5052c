package org.corads.models.unet;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cubic training patches from {@link LesionCase}s: with probability {@code lesionShare} centred on a random
 * lesion voxel, otherwise on a random voxel of the lungs' bounding box; voxels outside the volume are 0 (air
 * after normalisation is 0.06, so the border is distinguishable) with label 0.
 */
final class Patches {
    /** One patch: normalised CT, labels and lung mask, x fastest. */
    record Patch(float[] ct, byte[] labels, byte[] lung) {}

    private final List<LesionCase> cases;
    private final List<int[]> lesionVoxels = new ArrayList<>();
    private final int side;
    private final double lesionShare;

    Patches(List<LesionCase> cases, int side, double lesionShare) {
        this.cases = cases;
        this.side = side;
        this.lesionShare = lesionShare;
        for (LesionCase c : cases) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < c.labels().length; i++) {
                if (c.labels()[i] > 0) {
                    idx.add(i);
                }
            }
            lesionVoxels.add(idx.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    Patch draw(SplittableRandom r) {
        int k = r.nextInt(cases.size());
        LesionCase c = cases.get(k);
        int[] les = lesionVoxels.get(k);
        int cx;
        int cy;
        int cz;
        if (les.length > 0 && r.nextDouble() < lesionShare) {
            int i = les[r.nextInt(les.length)];
            cx = i % c.size()[0];
            cy = (i / c.size()[0]) % c.size()[1];
            cz = i / (c.size()[0] * c.size()[1]);
        } else {
            int[] b = c.box();
            cx = b[0] + r.nextInt(b[1] - b[0] + 1);
            cy = b[2] + r.nextInt(b[3] - b[2] + 1);
            cz = b[4] + r.nextInt(b[5] - b[4] + 1);
        }
        return cut(c, cx - side / 2, cy - side / 2, cz - side / 2);
    }

    List<Patch> fixedSet(int n, SplittableRandom r) {
        List<Patch> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(draw(r));
        }
        return s;
    }

    private Patch cut(LesionCase c, int x0, int y0, int z0) {
        int v = side * side * side;
        float[] ct = new float[v];
        byte[] lab = new byte[v];
        byte[] lung = new byte[v];
        int[] n = c.size();
        for (int z = 0; z < side; z++) {
            int zs = z0 + z;
            for (int y = 0; y < side; y++) {
                int ys = y0 + y;
                for (int x = 0; x < side; x++) {
                    int xs = x0 + x;
                    if (xs >= 0 && ys >= 0 && zs >= 0 && xs < n[0] && ys < n[1] && zs < n[2]) {
                        int i = c.index(xs, ys, zs);
                        int o = (z * side + y) * side + x;
                        ct[o] = c.ct()[i];
                        lab[o] = c.labels()[i];
                        lung[o] = c.lung()[i];
                    }
                }
            }
        }
        return new Patch(ct, lab, lung);
    }
}
