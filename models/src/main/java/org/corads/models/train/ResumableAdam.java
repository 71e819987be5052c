package org.corads.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam (β1 0.9, β2 0.999, ε 1e-8) whose moments can be saved and restored, so that a run resumed from a
 * checkpoint continues exactly as an uninterrupted one (DJL's own Adam keeps its state private).
 */
public final class ResumableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final float learningRate;
    private final Map<String, NDArray> mean = new TreeMap<>();
    private final Map<String, NDArray> variance = new TreeMap<>();
    private final Map<String, Integer> steps = new TreeMap<>();

    public ResumableAdam(float learningRate) {
        super(new Settings().setRescaleGrad(1f));
        this.learningRate = learningRate;
    }

    private final Map<String, String> names = new TreeMap<>();

    /**
     * Keys the state by parameter path (e.g. {@code 01SequentialBlock_weight}) rather than by the random
     * parameter ids, which differ in every JVM: a restored state must find its parameters.
     */
    void useNames(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String id = names.getOrDefault(parameterId, parameterId);
        int t = steps.merge(id, 1, Integer::sum);
        NDArray m = mean.computeIfAbsent(id, k -> detached(weight.zerosLike()));
        NDArray v = variance.computeIfAbsent(id, k -> detached(weight.zerosLike()));
        float biasCorrection = (float) (Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        // the engine's fused Adam updates weight, m and v in place, outside autograd. On the PyTorch engine the
        // step size it applies is the bias-correction argument alone (its learning-rate argument has no effect,
        // measured: ResumableAdamTest), so the learning rate travels in that argument, with 1 beside it.
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), 1f,
                learningRate * biasCorrection, 0f, 1f, -1f, BETA1, BETA2, EPS, true, false);
    }

    private static NDArray detached(NDArray a) {
        a.detach();
        return a;
    }

    /** The base class's builder, with nothing of its own. */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeInt(steps.size());
        for (String id : steps.keySet()) {
            out.writeUTF(id);
            out.writeInt(steps.get(id));
            out.write(new NDList(mean.get(id), variance.get(id)).encode());
        }
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            steps.put(id, in.readInt());
            NDList l = NDList.decode(manager, in);
            mean.put(id, detached(l.get(0)));
            variance.put(id, detached(l.get(1)));
        }
    }
}
