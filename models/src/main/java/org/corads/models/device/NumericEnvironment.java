package org.corads.models.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What decides a model's bytes besides its inputs and seed, as far as this process can tell: the device and engine,
 * the CPU (model and the widest vector instructions oneDNN may pick), the cap on them ({@code ONEDNN_MAX_CPU_ISA}),
 * and the engine's threads ({@code OMP_NUM_THREADS}; unset: one per processor the app may use, {@link EngineThreads}).
 * The same values give byte-identical models;
 * a different instruction set or thread count gives other bytes (README, <i>Reproducibility across machines</i>).
 */
public final class NumericEnvironment {
    private NumericEnvironment() {}

    /** The values, in a fixed order, for {@code study.json}. */
    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("device", DeviceSetting.describe(DeviceSetting.current()));
        out.put("cpu", cpuModel());
        out.put("cpuVectorIsa", widestIsa());
        out.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.put("ONEDNN_MAX_CPU_ISA",
                env("ONEDNN_MAX_CPU_ISA", env("DNNL_MAX_CPU_ISA", "unset (the widest the CPU has)")));
        out.put("OMP_NUM_THREADS",
                EngineThreads.describe(System.getenv("OMP_NUM_THREADS"), System.getProperty(EngineThreads.PROPERTY)));
        return out;
    }

    /**
     * Floats per vector register in the engine's CPU convolution kernels: 16 where oneDNN may use AVX-512 (the CPU has
     * it and {@code ONEDNN_MAX_CPU_ISA} does not cap it below), else 8 (AVX2); 16 where the CPU cannot be read.
     */
    public static int oneDnnChannelBlock() {
        String isa = widestIsa();
        if (isa.equals("unknown")) {
            return 16;
        }
        String cap = env("ONEDNN_MAX_CPU_ISA", env("DNNL_MAX_CPU_ISA", "ALL")).toUpperCase(Locale.ROOT);
        boolean capped = !(cap.equals("ALL") || cap.contains("512") || cap.contains("AMX") || cap.contains("AVX10"));
        return isa.contains("AVX-512") && !capped ? 16 : 8;
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }

    private static String cpuModel() {
        return cpuinfo("model name").orElse(System.getProperty("os.arch"));
    }

    /** The widest x86 vector extension the CPU reports: amx, avx512, avx2, or what /proc/cpuinfo lacks. */
    private static String widestIsa() {
        String flags = " " + cpuinfo("flags").orElse("") + " ";
        if (flags.contains(" amx_tile ")) {
            return "AMX + AVX-512";
        }
        if (flags.contains(" avx512f ")) {
            return "AVX-512";
        }
        if (flags.contains(" avx2 ")) {
            return "AVX2";
        }
        return flags.isBlank() ? "unknown" : "below AVX2";
    }

    private static Optional<String> cpuinfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    return Optional.of(line.substring(colon + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return Optional.empty();
    }
}
