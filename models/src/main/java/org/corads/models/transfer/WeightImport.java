package org.corads.models.transfer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.EngineLock;
import org.corads.steps.io.BadInputException;

/**
 * Transfer learning (SPEC §4): copies weights, matched by DJL parameter name, from a weight source into an
 * initialised network. A 2D kernel {@code [out, in, kh, kw]} meeting a 3D one {@code [out, in, d, kh, kw]} is
 * inflated ({@link Inflation#inflate}); a kernel whose input channels differ (RGB, or a CT-only pre-trained
 * stem meeting a CT + lesion input) is mapped by {@link Inflation#mapInputChannels}. The output head (the
 * network's last child block) is left initialised when {@code skipHead}, so a source trained for another
 * task or head fits. Any other shape mismatch is an error naming the parameter and both shapes.
 *
 * <p>Sources: a NumPy {@code .npz} ({@link Npz}) whose keys are this network's parameter names, or a DJL
 * {@code .params} file of a network built by {@code twin} (same architecture; head and channels may differ).
 */
public final class WeightImport {

    /** What an import did. */
    public record Report(int copied, int inflated, int channelMapped, List<String> keptInitialised) {}

    private WeightImport() {}

    /** Every parameter of an initialised block, by name. */
    public static Map<String, Tensor> fromBlock(Block block) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (var p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            m.put(p.getKey(), new Tensor(a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return m;
    }

    /** Reads a DJL {@code .params} file through {@code twin}, a block of the architecture that wrote it. */
    public static Map<String, Tensor> fromParams(Path file, Block twin, Shape inputShape, NDManager manager)
            throws IOException {
        EngineLock.initializeForLoading(twin, manager, inputShape);
        ClassifierTrainer.loadParams(twin, manager, file);
        return fromBlock(twin);
    }

    /** Names of the parameters of the block's last child (the output head). */
    public static Set<String> headNames(Block block) {
        var children = block.getChildren();
        Set<String> s = new HashSet<>();
        if (children.isEmpty()) {
            return s;
        }
        var last = children.get(children.size() - 1);
        for (var p : last.getValue().getParameters()) {
            s.add(last.getKey() + "_" + p.getKey());
        }
        return s;
    }

    public static Report apply(Block target, Map<String, Tensor> source, Path origin, boolean skipHead) {
        Set<String> head = skipHead ? headNames(target) : Set.of();
        Map<String, float[]> values = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        int copied = 0;
        int inflated = 0;
        int mapped = 0;
        for (var p : target.getParameters()) {
            String name = p.getKey();
            Tensor src = source.get(name);
            if (src == null || head.contains(name)) {
                kept.add(name);
                continue;
            }
            long[] want = p.getValue().getArray().getShape().getShape();
            float[] v = src.data();
            long[] shape = src.shape();
            if (shape.length >= 2 && want.length >= 2 && shape[1] != want[1] && shape[0] == want[0]) {
                v = Inflation.mapInputChannels(v, shape, (int) want[1]);
                shape[1] = want[1];
                mapped++;
            }
            if (shape.length == 4 && want.length == 5) {
                v = Inflation.inflate(v, shape, (int) want[2]);
                shape = new long[]{shape[0], shape[1], want[2], shape[2], shape[3]};
                inflated++;
            }
            if (!Arrays.equals(shape, want)) {
                throw BadInputException.of(origin, "parameter " + name + " has shape " + src.shapeText()
                        + " but this network expects " + Arrays.toString(want));
            }
            values.put(name, v);
            copied++;
        }
        if (copied == 0) {
            String example = target.getParameters().isEmpty() ? "?" : target.getParameters().get(0).getKey();
            throw BadInputException.of(origin, "no parameter matches this network; expected names such as " + example);
        }
        List<String> unused = new ArrayList<>(source.keySet());
        unused.removeAll(values.keySet());
        unused.removeAll(head);
        if (!unused.isEmpty()) {
            throw BadInputException.of(origin, unused.size() + " parameter(s) do not exist in this network (e.g. "
                    + unused.get(0) + "); the weights are for another architecture or width");
        }
        write(target, values);
        return new Report(copied, inflated, mapped, kept);
    }

    private static void write(Block target, Map<String, float[]> values) {
        for (var p : target.getParameters()) {
            float[] v = values.get(p.getKey());
            if (v != null) {
                Parameter param = p.getValue();
                NDArray a = param.getArray();
                try (NDManager m = a.getManager().newSubManager()) {
                    m.create(v, a.getShape()).toType(a.getDataType(), false).copyTo(a);
                }
            }
        }
    }
}
