package org.corads.steps.volume;

import java.nio.ShortBuffer;
import java.util.stream.IntStream;

/**
 * Summary statistics of a volume's values, computed in one pass.
 *
 * @param min          smallest finite value
 * @param max          largest finite value
 * @param mean         mean of finite values
 * @param nonFinite    number of NaN or infinite voxels (only FLOAT32 can have any)
 * @param percentile01 value at the 1st percentile (histogram estimate, 1-unit bins for integer types)
 */
public record VolumeStats(double min, double max, double mean, long nonFinite, double percentile01) {

    public static VolumeStats of(Volume v) {
        if (v.type() == VoxelType.INT16) {
            return ofShorts(v.shortView(), v.voxelCount());
        }
        int n = v.voxelCount();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long bad = 0;
        for (int i = 0; i < n; i++) {
            double x = v.get(i);
            if (!Double.isFinite(x)) {
                bad++;
                continue;
            }
            if (x < min) {
                min = x;
            }
            if (x > max) {
                max = x;
            }
            sum += x;
        }
        long finite = n - bad;
        if (finite == 0) {
            return new VolumeStats(Double.NaN, Double.NaN, Double.NaN, bad, Double.NaN);
        }
        return new VolumeStats(min, max, sum / finite, bad, percentile(v, 0.01, min, max, finite));
    }

    /**
     * One pass with an exact 65536-bin histogram; the 1st percentile is the exact order statistic. Slabs of the volume
     * are counted in parallel, a row of voxels copied out at a time, and the counts added.
     */
    private static VolumeStats ofShorts(ShortBuffer b, int n) {
        int slabs = Math.max(1, Math.min(8, n >> 20));
        long[] hist = IntStream.range(0, slabs).parallel().mapToObj(k -> {
            long[] h = new long[65536];
            short[] row = new short[4096];
            int end = (int) ((long) n * (k + 1) / slabs);
            for (int i = (int) ((long) n * k / slabs); i < end; i += row.length) {
                int len = Math.min(row.length, end - i);
                b.get(i, row, 0, len);
                for (int j = 0; j < len; j++) {
                    h[row[j] + 32768]++;
                }
            }
            return h;
        }).reduce((x, y) -> {
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
            return x;
        }).orElseThrow();
        double sum = 0;
        int min = -1;
        int max = -1;
        long target = (long) Math.ceil(0.01 * n);
        long seen = 0;
        double p01 = Double.NaN;
        for (int h = 0; h < 65536; h++) {
            if (hist[h] == 0) {
                continue;
            }
            if (min < 0) {
                min = h;
            }
            max = h;
            sum += (double) hist[h] * (h - 32768);
            seen += hist[h];
            if (Double.isNaN(p01) && seen >= target) {
                p01 = h - 32768;
            }
        }
        return new VolumeStats(min - 32768, max - 32768, sum / n, 0, p01);
    }

    private static double percentile(Volume v, double q, double min, double max, long finite) {
        int bins = 4096;
        double width = (max - min) / bins;
        if (width == 0) {
            return min;
        }
        long[] hist = new long[bins + 1];
        int n = v.voxelCount();
        for (int i = 0; i < n; i++) {
            double x = v.get(i);
            if (Double.isFinite(x)) {
                hist[(int) ((x - min) / width)]++;
            }
        }
        long target = (long) Math.ceil(q * finite);
        long seen = 0;
        for (int b = 0; b <= bins; b++) {
            seen += hist[b];
            if (seen >= target) {
                return min + (b + 1) * width;
            }
        }
        return max;
    }
}
