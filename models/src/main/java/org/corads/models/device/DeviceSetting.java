package org.corads.models.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.corads.steps.io.BadInputException;

/**
 * Where the networks run: {@code corads.device} (system property) or {@code CORADS_DEVICE} (environment) =
 * {@code auto} (the first GPU when the engine sees one, else the CPU; the default), {@code cpu} or {@code gpu:N}.
 * Training, pre-training, lesion training, segmentation and grading create their models and every array on it, and
 * model cards record it. A GPU the engine does not see is refused in one line, before anything runs.
 *
 * @param kind which choice
 * @param gpu  the GPU's index for {@link Kind#GPU}; 0 otherwise
 */
public record DeviceSetting(Kind kind, int gpu) {

    /** The choices. */
    public enum Kind {
        AUTO, CPU, GPU
    }

    public static final String PROPERTY = "corads.device";
    public static final String ENV = "CORADS_DEVICE";
    public static final DeviceSetting AUTO = new DeviceSetting(Kind.AUTO, 0);
    private static final Pattern FLAVOUR = Pattern.compile("-((?:cpu|cu\\d+)(?:-precxx11)?)-(?:linux|osx|win)");

    /** {@code auto}, {@code cpu} or {@code gpu:N} (any case); anything else is refused in one line. */
    public static DeviceSetting parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return new DeviceSetting(Kind.CPU, 0);
        }
        if (t.matches("gpu:\\d{1,3}")) {
            return new DeviceSetting(Kind.GPU, Integer.parseInt(t.substring(4)));
        }
        throw new BadInputException(PROPERTY + " '" + text + "': expected auto, cpu or gpu:N (e.g. gpu:0)");
    }

    /** The configured setting: the system property, else the environment variable, else {@code auto}. */
    public static DeviceSetting configured() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return p == null || p.isBlank() ? AUTO : parse(p);
    }

    /** The device of the configured setting on the default engine. */
    public static Device current() {
        return configured().resolve(Engine.getInstance().getEngineName(), Engine.getInstance().getGpuCount());
    }

    /** This setting on an engine that sees {@code gpus} GPUs; a GPU it does not see is refused. */
    public Device resolve(String engine, int gpus) {
        return switch (kind) {
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpu >= gpus) {
                    throw new BadInputException(
                            PROPERTY + " gpu:" + gpu + ": the " + engine + " engine sees " + gpus + " GPU(s)"
                                    + (gpus == 0
                                            ? " (CPU natives, or no CUDA device); use auto or cpu"
                                            : "; use auto, cpu or gpu:0…gpu:" + (gpus - 1)));
                }
                yield Device.gpu(gpu);
            }
        };
    }

    /**
     * What a model card records: device, engine, its version and, on PyTorch, the natives it loaded, e.g.
     * {@code cpu() on PyTorch 2.7.1 (cpu natives)} or {@code gpu(0) on PyTorch 2.7.1 (cu128 natives)}.
     */
    public static String describe(Device d) {
        Engine e = Engine.getInstance();
        String s = d + " on " + e.getEngineName() + " " + e.getVersion();
        return "PyTorch".equals(e.getEngineName()) ? s + " (" + natives(LibUtils.getLibtorchPath()) + ")" : s;
    }

    /**
     * The natives of a libtorch folder: the flavour in the name DJL gives its cache folders
     * ({@code 2.7.1-20250812-cu128-linux-x86_64} → {@code cu128 natives}), else the folder (a site's own libtorch,
     * {@code PYTORCH_LIBRARY_PATH}).
     */
    static String natives(String libtorchPath) {
        Matcher m = FLAVOUR.matcher(Path.of(libtorchPath).getFileName().toString());
        return m.find() ? m.group(1) + " natives" : "libtorch at " + libtorchPath;
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + gpu : kind.name().toLowerCase(Locale.ROOT);
    }
}
