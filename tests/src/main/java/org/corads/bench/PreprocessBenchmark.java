package org.corads.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.volume.Volume;

/**
 * The whole {@code preprocess} of one scan (read → gate → resample → lung mask → crop/sample/normalise →
 * write the three volumes), N times in one JVM; prints per-stage medians of the warm runs and the peak heap.
 * Usage: {@code PreprocessBenchmark <scan> [runs]}.
 */
public final class PreprocessBenchmark {

    private PreprocessBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path scan = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path out = Files.createTempDirectory("preprocess-bench");
        List<Map<String, Long>> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(once(scan, out));
        }
        System.out.printf(Locale.ROOT,
                "machine: %d cores, java %s, -Xmx %d MB; %d runs, first %d discarded as warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, runs, Math.min(2, runs - 1));
        for (String stage : all.get(0).keySet()) {
            long[] v = all.stream().skip(Math.min(2, runs - 1)).mapToLong(m -> m.get(stage)).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-22s median %5d ms  (min %d, max %d)%n", stage, v[v.length / 2], v[0],
                    v[v.length - 1]);
        }
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "peak heap (sum of pool peaks, an upper bound): %d MB%n", peak >> 20);
        try (var s = Files.list(out)) {
            s.forEach(p -> p.toFile().delete());
        }
        Files.delete(out);
    }

    static Map<String, Long> once(Path scan, Path out) {
        Map<String, Long> t = new LinkedHashMap<>();
        long start = System.nanoTime();
        long t0 = start;
        LoadedVolume in = VolumeIO.read(scan);
        t0 = lap(t, "read", t0);
        if (!InputGate.defaults().check(in).passed()) {
            throw new IllegalStateException("gate rejected " + scan);
        }
        t0 = lap(t, "gate", t0);
        Preprocessor.Result r = Preprocessor.PAPER.run(in.volume());
        t.putAll(r.timingsMs());
        t0 = System.nanoTime();
        CompletableFuture.allOf(write(r.resampled(), out.resolve("resampled.mha")),
                write(r.lungs().mask(), out.resolve("lung-mask.mha")), write(r.input(), out.resolve("input.mha")))
                .join();
        lap(t, "write", t0);
        t.put("total", (System.nanoTime() - start) / 1_000_000);
        return t;
    }

    private static CompletableFuture<Void> write(Volume v, Path p) {
        return CompletableFuture.runAsync(() -> {
            try {
                VolumeIO.write(v, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static long lap(Map<String, Long> t, String name, long t0) {
        long now = System.nanoTime();
        t.put(name, (now - t0) / 1_000_000);
        return now;
    }
}
