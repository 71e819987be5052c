package org.corads.steps.preprocess;

import java.util.stream.IntStream;

/**
 * Fills holes per axial slice: background pixels that a 4-connected flood from the slice border cannot
 * reach become foreground (vessels and nodules inside the lung). Slices run in parallel; each flood uses an
 * int queue, no recursion.
 */
public final class SliceHoleFill {

    private SliceHoleFill() {}

    public static void fill(byte[] mask, int nx, int ny, int nz) {
        IntStream.range(0, nz).parallel().forEach(z -> fillSlice(mask, nx, ny, z * nx * ny));
    }

    private static void fillSlice(byte[] mask, int nx, int ny, int base) {
        int plane = nx * ny;
        boolean any = false;
        for (int i = base; i < base + plane && !any; i++) {
            any = mask[i] != 0;
        }
        if (!any) {
            return;
        }
        byte[] outside = new byte[plane];
        int[] queue = new int[plane];
        int head = 0;
        int tail = 0;
        for (int x = 0; x < nx; x++) {
            tail = seed(mask, outside, queue, tail, base, x);
            tail = seed(mask, outside, queue, tail, base, (ny - 1) * nx + x);
        }
        for (int y = 0; y < ny; y++) {
            tail = seed(mask, outside, queue, tail, base, y * nx);
            tail = seed(mask, outside, queue, tail, base, y * nx + nx - 1);
        }
        while (head < tail) {
            int p = queue[head++];
            int x = p % nx;
            int y = p / nx;
            if (x > 0) {
                tail = seed(mask, outside, queue, tail, base, p - 1);
            }
            if (x < nx - 1) {
                tail = seed(mask, outside, queue, tail, base, p + 1);
            }
            if (y > 0) {
                tail = seed(mask, outside, queue, tail, base, p - nx);
            }
            if (y < ny - 1) {
                tail = seed(mask, outside, queue, tail, base, p + nx);
            }
        }
        for (int i = 0; i < plane; i++) {
            if (outside[i] == 0) {
                mask[base + i] = 1;
            }
        }
    }

    private static int seed(byte[] mask, byte[] outside, int[] queue, int tail, int base, int p) {
        if (outside[p] == 0 && mask[base + p] == 0) {
            outside[p] = 1;
            queue[tail++] = p;
        }
        return tail;
    }
}
