package org.corads.steps.preprocess;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Fills holes per axial slice: background pixels that a 4-connected flood from the slice border cannot
 * reach become foreground (vessels and nodules inside the lung). Slices run in parallel; each flood is a
 * scanline fill on an int stack, no recursion.
 */
public final class SliceHoleFill {

    private SliceHoleFill() {}

    /** Slices per task: each task reuses one flood's buffers for its slices. */
    private static final int SLICES_PER_TASK = 8;

    public static void fill(byte[] mask, int nx, int ny, int nz) {
        IntStream.range(0, (nz + SLICES_PER_TASK - 1) / SLICES_PER_TASK).parallel().forEach(t -> {
            Flood f = new Flood(mask, nx, ny);
            for (int z = t * SLICES_PER_TASK; z < Math.min(nz, (t + 1) * SLICES_PER_TASK); z++) {
                fillSlice(f, z * nx * ny);
            }
        });
    }

    private static void fillSlice(Flood f, int base) {
        byte[] mask = f.mask;
        int nx = f.nx;
        int ny = f.ny;
        int plane = nx * ny;
        if (MaskBytes.empty(mask, base, base + plane)) {
            return;
        }
        f.start(base);
        for (int x = 0; x < nx; x++) {
            f.seed(x);
            f.seed((ny - 1) * nx + x);
        }
        for (int y = 0; y < ny; y++) {
            f.seed(y * nx);
            f.seed(y * nx + nx - 1);
        }
        f.run();
        for (int i = 0; i < plane; i++) {
            if (f.outside[i] == 0) {
                mask[base + i] = 1;
            }
        }
        Arrays.fill(f.outside, (byte) 0);
    }

    /**
     * A scanline flood over the background of one slice: a seed grows into its whole run of the row, and the rows
     * above and below get one seed per free run under it. Every seed is marked when pushed, so the stack never holds
     * more than the slice's pixels.
     */
    private static final class Flood {
        final byte[] mask;
        final int nx;
        final int ny;
        final byte[] outside;
        final int[] stack;
        int base;
        int top;

        Flood(byte[] mask, int nx, int ny) {
            this.mask = mask;
            this.nx = nx;
            this.ny = ny;
            this.outside = new byte[nx * ny];
            this.stack = new int[nx * ny];
        }

        /** The slice at {@code base} next; {@link #outside} must be all zero. */
        void start(int base) {
            this.base = base;
            this.top = 0;
        }

        boolean free(int p) {
            return outside[p] == 0 && mask[base + p] == 0;
        }

        void seed(int p) {
            if (free(p)) {
                outside[p] = 1;
                stack[top++] = p;
            }
        }

        void run() {
            while (top > 0) {
                int p = stack[--top];
                int y = p / nx;
                int row = y * nx;
                int l = p;
                while (l > row && free(l - 1)) {
                    outside[--l] = 1;
                }
                int r = p;
                while (r < row + nx - 1 && free(r + 1)) {
                    outside[++r] = 1;
                }
                if (y > 0) {
                    seedRuns(l - nx, r - nx);
                }
                if (y < ny - 1) {
                    seedRuns(l + nx, r + nx);
                }
            }
        }

        /** One seed for each run of free pixels in {@code [from, to]}. */
        private void seedRuns(int from, int to) {
            int q = from;
            while (q <= to) {
                if (free(q)) {
                    seed(q);
                    q++;
                    while (q <= to && free(q)) {
                        q++;
                    }
                } else {
                    q++;
                }
            }
        }
    }
}
