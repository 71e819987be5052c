package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hole fill against its definition, a pixel-by-pixel breadth-first flood from each slice's border. */
class SliceHoleFillTest {

    /** The definition: background not 4-connected to the slice border becomes foreground. */
    private static byte[] reference(byte[] mask, int nx, int ny, int nz) {
        byte[] out = mask.clone();
        for (int z = 0; z < nz; z++) {
            int base = z * nx * ny;
            boolean[] reached = new boolean[nx * ny];
            ArrayDeque<int[]> queue = new ArrayDeque<>();
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    boolean border = x == 0 || y == 0 || x == nx - 1 || y == ny - 1;
                    if (border && mask[base + y * nx + x] == 0) {
                        reached[y * nx + x] = true;
                        queue.add(new int[]{x, y});
                    }
                }
            }
            while (!queue.isEmpty()) {
                int[] p = queue.poll();
                int[][] next = {{p[0] - 1, p[1]}, {p[0] + 1, p[1]}, {p[0], p[1] - 1}, {p[0], p[1] + 1}};
                for (int[] q : next) {
                    if (q[0] >= 0 && q[1] >= 0 && q[0] < nx && q[1] < ny && !reached[q[1] * nx + q[0]]
                            && mask[base + q[1] * nx + q[0]] == 0) {
                        reached[q[1] * nx + q[0]] = true;
                        queue.add(q);
                    }
                }
            }
            for (int i = 0; i < nx * ny; i++) {
                if (!reached[i]) {
                    out[base + i] = 1;
                }
            }
        }
        return out;
    }

    /**
     * Random rings and scattered pixels at several densities: holes inside rings, holes that touch the outside only
     * diagonally (stay holes under 4-connectivity), spirals of background that wind back, and empty slices.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void fillsWhatTheBorderFloodCannotReach(int seed) {
        int nx = 37 + seed;
        int ny = 29 + 2 * seed;
        int nz = 11; // more than one task's slices
        SplittableRandom r = new SplittableRandom(seed);
        byte[] mask = new byte[nx * ny * nz];
        double density = 0.05 + 0.08 * seed;
        for (int z = 1; z < nz; z++) {
            int base = z * nx * ny;
            for (int ring = 0; ring < 4; ring++) {
                int cx = r.nextInt(nx);
                int cy = r.nextInt(ny);
                int rad = 2 + r.nextInt(10);
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double d = Math.hypot(x - cx, y - cy);
                        if (d >= rad && d < rad + 1.5 && r.nextDouble() > 0.05) {
                            mask[base + y * nx + x] = 1;
                        }
                    }
                }
            }
            for (int i = 0; i < nx * ny; i++) {
                if (r.nextDouble() < density) {
                    mask[base + i] = 1;
                }
            }
        }
        byte[] expected = reference(mask, nx, ny, nz);
        SliceHoleFill.fill(mask, nx, ny, nz);
        assertThat(mask).isEqualTo(expected);
    }

    /** A background spiral open to the border is outside all along; walled off, all of it is a hole. */
    @Test
    void aSpiralOpenToTheBorderStaysBackground() {
        String[] rows = {"#########.", "#.......#.", "#.#####.#.", "#.#...#.#.", "#.#.#.#.#.", "#.#.###.#.",
                "#.#.....#.", "#.#######.", "#.........", "##########"};
        int n = rows.length;
        byte[] mask = new byte[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                mask[y * n + x] = (byte) (rows[y].charAt(x) == '#' ? 1 : 0);
            }
        }
        byte[] open = mask.clone();
        SliceHoleFill.fill(open, n, n, 1);
        assertThat(open).isEqualTo(mask);
        for (int y = 0; y < n; y++) {
            mask[y * n + n - 1] = 1; // walls the right-hand column off: the spiral's way out
        }
        byte[] closed = mask.clone();
        SliceHoleFill.fill(closed, n, n, 1);
        byte[] all = new byte[n * n];
        Arrays.fill(all, (byte) 1);
        assertThat(closed).isEqualTo(all).isEqualTo(reference(mask, n, n, 1));
    }
}
