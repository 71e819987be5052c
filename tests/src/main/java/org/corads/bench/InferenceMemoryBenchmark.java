package org.corads.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.corads.models.Head;
import org.corads.models.Inference;
import org.corads.models.train.EngineLock;
import org.corads.models.train.ModelCard;
import org.corads.models.train.TrainConfig;

/**
 * Peak resident memory and time of one inference pass (batch 1) of a classifier, run on a worker thread as grading
 * runs it: {@code lean} through {@link Inference} (each layer's arrays freed once the next layer has them, no
 * autograd graph), {@code plain} as a bare {@code block.forward(…, false)} (for COVNet the same as {@code lean}: its
 * inference runs its ResNet through {@link Inference} itself). The peak is the process's (VmHWM), so
 * each mode needs its own JVM ({@code tests/bench/inference-memory.sh} runs them). Usage:
 * {@code InferenceMemoryBenchmark <3d|2d> <width> <depth> <size> <lean|plain> [passes]}.
 */
public final class InferenceMemoryBenchmark {

    private InferenceMemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean threeD = args[0].equals("3d");
        float width = Float.parseFloat(args[1]);
        int depth = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        boolean lean = switch (args[4]) {
            case "lean" -> true;
            case "plain" -> false;
            default -> throw new IllegalArgumentException("mode must be lean or plain, not " + args[4]);
        };
        int passes = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        TrainConfig cfg = new TrainConfig("bench", threeD, Head.CONTINUOUS, 2, width, depth, size, 1, 1e-4f, 2, 1, 1000,
                1000, false);
        Shape shape = new Shape(1, 2, depth, size, size);
        var worker = Executors.newSingleThreadExecutor();
        try (NDManager m = NDManager.newBaseManager()) {
            long l0 = System.nanoTime();
            Block block = ModelCard.newBlock(cfg);
            EngineLock.initializeForLoading(block, m, shape);
            double loadSeconds = (System.nanoTime() - l0) / 1e9;
            long loaded = peakKib();
            for (int i = 1; i <= passes; i++) {
                Future<Double> pass = worker.submit(() -> {
                    long t0 = System.nanoTime();
                    try (NDManager sub = m.newSubManager()) {
                        NDArray x = sub.randomUniform(0, 1, shape);
                        ParameterStore ps = new ParameterStore(sub, false);
                        NDArray y = lean
                                ? Inference.forward(block, ps, x)
                                : block.forward(ps, new NDList(x), false).singletonOrThrow();
                        y.toFloatArray();
                    }
                    return (System.nanoTime() - t0) / 1e9;
                });
                System.out.printf(Locale.ROOT,
                        "%s width %s input 2x%dx%dx%d, %s pass %d: %.2f s, peak resident %.2f GiB (%.2f GiB after"
                                + " initialising for loading, %.2f s)%n",
                        threeD ? "I3D" : "COVNet", width, depth, size, size, args[4], i, pass.get(),
                        peakKib() / 1048576.0, loaded / 1048576.0, loadSeconds);
            }
        } finally {
            worker.shutdown();
        }
    }

    /** The process's peak resident set (VmHWM), KiB. */
    private static long peakKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmHWM in /proc/self/status");
    }
}
