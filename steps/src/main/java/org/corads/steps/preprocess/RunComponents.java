package org.corads.steps.preprocess;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * 3D connected components (6-connectivity) of a binary mask, computed on runs: each x-row is split into runs
 * of foreground voxels, runs are joined with a union-find (path halving) to the overlapping runs of the row
 * above (y−1) and of the slice before (z−1), then relabelled 0…n−1. No recursion and no per-voxel object;
 * memory is proportional to the number of runs. Mask layout: x fastest, then y, then z.
 */
public final class RunComponents {
    private final int nx;
    private final int ny;
    private final int[] runStart;
    private final int[] runEnd;
    private final int[] runRow;
    private final int[] runLabel;
    private final long[] sizes;
    private final boolean[] touchesInPlaneBorder;

    private RunComponents(int nx, int ny, int[] start, int[] end, int[] row, int[] label, long[] sizes,
            boolean[] border) {
        this.nx = nx;
        this.ny = ny;
        this.runStart = start;
        this.runEnd = end;
        this.runRow = row;
        this.runLabel = label;
        this.sizes = sizes;
        this.touchesInPlaneBorder = border;
    }

    /** Labels the components of {@code mask != 0}. */
    public static RunComponents label(byte[] mask, int nx, int ny, int nz) {
        int rows = ny * nz;
        IntList start = new IntList();
        IntList end = new IntList();
        IntList row = new IntList();
        int[] rowFirst = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            rowFirst[r] = start.size;
            int base = r * nx;
            int x = 0;
            while (x < nx) {
                while (x < nx && mask[base + x] == 0) {
                    x++;
                }
                if (x == nx) {
                    break;
                }
                int s = x;
                while (x < nx && mask[base + x] != 0) {
                    x++;
                }
                start.add(s);
                end.add(x);
                row.add(r);
            }
        }
        rowFirst[rows] = start.size;
        int n = start.size;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < rows; r++) {
            int y = r % ny;
            if (y > 0) {
                joinRows(rowFirst, r, r - 1, start.data, end.data, parent);
            }
            if (r >= ny) {
                joinRows(rowFirst, r, r - ny, start.data, end.data, parent);
            }
        }
        int[] label = new int[n];
        int[] rootLabel = new int[n];
        Arrays.fill(rootLabel, -1);
        int count = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (rootLabel[root] < 0) {
                rootLabel[root] = count++;
            }
            label[i] = rootLabel[root];
        }
        long[] sizes = new long[count];
        boolean[] border = new boolean[count];
        for (int i = 0; i < n; i++) {
            int c = label[i];
            sizes[c] += end.data[i] - start.data[i];
            int y = row.data[i] % ny;
            if (start.data[i] == 0 || end.data[i] == nx || y == 0 || y == ny - 1) {
                border[c] = true;
            }
        }
        return new RunComponents(nx, ny, Arrays.copyOf(start.data, n), Arrays.copyOf(end.data, n),
                Arrays.copyOf(row.data, n), label, sizes, border);
    }

    private static void joinRows(int[] rowFirst, int r, int q, int[] start, int[] end, int[] parent) {
        int i = rowFirst[r];
        int iEnd = rowFirst[r + 1];
        int j = rowFirst[q];
        int jEnd = rowFirst[q + 1];
        while (i < iEnd && j < jEnd) {
            if (start[i] < end[j] && start[j] < end[i]) {
                union(parent, i, j);
            }
            if (end[i] < end[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) {
            if (ra < rb) {
                p[rb] = ra;
            } else {
                p[ra] = rb;
            }
        }
    }

    public int count() {
        return sizes.length;
    }

    /** Voxel count of component {@code c}. */
    public long size(int c) {
        return sizes[c];
    }

    /** True when component {@code c} reaches x = 0, x = nx−1, y = 0 or y = ny−1. */
    public boolean touchesInPlaneBorder(int c) {
        return touchesInPlaneBorder[c];
    }

    /** Writes 1 into {@code out} for every voxel of the components accepted by {@code keep}. */
    public void paint(byte[] out, IntPredicate keep) {
        for (int i = 0; i < runLabel.length; i++) {
            if (keep.test(runLabel[i])) {
                Arrays.fill(out, runRow[i] * nx + runStart[i], runRow[i] * nx + runEnd[i], (byte) 1);
            }
        }
    }

    /** Mean x index of component {@code c}'s voxels. */
    public double meanX(int c) {
        double sum = 0;
        for (int i = 0; i < runLabel.length; i++) {
            if (runLabel[i] == c) {
                sum += (runStart[i] + runEnd[i] - 1) * (double) (runEnd[i] - runStart[i]) / 2.0;
            }
        }
        return sum / sizes[c];
    }

    /** For each component: does it share a voxel with {@code other} (same layout)? */
    public boolean[] overlapping(byte[] other) {
        boolean[] hit = new boolean[sizes.length];
        for (int i = 0; i < runLabel.length; i++) {
            if (hit[runLabel[i]]) {
                continue;
            }
            int base = runRow[i] * nx;
            for (int x = runStart[i]; x < runEnd[i]; x++) {
                if (other[base + x] != 0) {
                    hit[runLabel[i]] = true;
                    break;
                }
            }
        }
        return hit;
    }

    /** A growable int array. */
    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }
    }
}
