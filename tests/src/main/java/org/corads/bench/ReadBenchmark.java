package org.corads.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;

/**
 * Warm read time of a scan and of its {@code .mha} copy, in one JVM.
 * Usage: {@code ReadBenchmark <scan> [repeats]}; prints one line per format with min and median ms.
 */
public final class ReadBenchmark {

    private ReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: read-bench.sh <scan.nii.gz> [repeats]");
            System.exit(2);
        }
        Path src = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path tmp = Files.createTempDirectory("read-bench");
        Path mha = tmp.resolve("copy.mha");
        Volume v = VolumeIO.read(src).volume();
        long t0 = System.nanoTime();
        VolumeIO.write(v, mha);
        double writeMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "machine: %d cores, java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "write .mha (zlib level 1): %.0f ms, %d bytes (source %d bytes)%n", writeMs,
                Files.size(mha), Files.size(src));
        for (Path p : new Path[]{src, mha}) {
            double[] ms = time(p, repeats);
            System.out.printf(Locale.ROOT, "read %-28s warm over %d runs: min %.0f ms, median %.0f ms%n",
                    p.getFileName(), repeats, ms[0], ms[ms.length / 2]);
        }
        Files.delete(mha);
        Files.delete(tmp);
    }

    private static double[] time(Path p, int repeats) {
        for (int i = 0; i < 3; i++) {
            VolumeIO.read(p);
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            VolumeIO.read(p);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }
}
