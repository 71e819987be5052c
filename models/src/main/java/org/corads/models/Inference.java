package org.corads.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Inference forward passes that hold no more memory than the layers being computed need. A plain
 * {@code block.forward(…, false)} keeps every intermediate array of the pass until the caller's manager closes (DJL
 * attaches an operation's result to its input's manager), and on any thread but the one that started the engine it
 * also records the autograd graph (libtorch's gradient mode is on by default per thread): a full-size COVNet, 128
 * slices through ResNet-50, peaks at 23 GB that way. Here the children of a plain {@link SequentialBlock} run one
 * after the other, each in its own sub-manager whose intermediate arrays are freed as soon as it returns (only its
 * output is kept, and the previous output freed once it has been used), with gradient recording off. The numbers are
 * the same as the plain pass's, bit for bit ({@code InferenceTest}); only blocks of exactly
 * {@code SequentialBlock}'s class are opened up, any other block runs as one unit.
 */
public final class Inference {

    private Inference() {}

    /**
     * The block's output for {@code inputs} in inference mode, owned by the inputs' manager; no array of the pass
     * but the output is left in that manager.
     */
    public static NDList forward(Block block, ParameterStore ps, NDList inputs) {
        try (NoGradient ignored = NoGradient.enter(inputs)) {
            return run(block, ps, inputs);
        }
    }

    /** Single input, single output. */
    public static NDArray forward(Block block, ParameterStore ps, NDArray input) {
        return forward(block, ps, new NDList(input)).singletonOrThrow();
    }

    /** Runs a block's children in turn, each scoped, when the block is a plain sequence; else the block, scoped. */
    static NDList run(Block block, ParameterStore ps, NDList inputs) {
        if (block.getClass() != SequentialBlock.class || ((SequentialBlock) block).isReturnIntermediate()) {
            return scoped(block, ps, inputs);
        }
        NDList current = inputs;
        for (var child : block.getChildren()) {
            NDList next = run(child.getValue(), ps, current);
            if (current != inputs) {
                closeUnshared(current, next);
            }
            current = next;
        }
        return current;
    }

    /** The block's output, moved to the inputs' manager; everything else the block created is freed. */
    private static NDList scoped(Block block, ParameterStore ps, NDList inputs) {
        NDManager owner = inputs.head().getManager();
        try (NDManager scope = owner.newSubManager()) {
            inputs.tempAttach(scope);
            NDList out = block.forward(ps, inputs, false);
            out.attach(owner);
            return out;
        }
    }

    /** Closes the arrays of {@code used} that {@code kept} does not hold (a block may return its input). */
    private static void closeUnshared(NDList used, NDList kept) {
        Set<NDArray> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(kept);
        for (NDArray a : used) {
            if (!keep.contains(a)) {
                a.close();
            }
        }
    }

    /** Gradient recording off on this thread for the pass (PyTorch engine), as it was afterwards. */
    private record NoGradient(boolean restore) implements AutoCloseable {
        static NoGradient enter(NDList inputs) {
            boolean on = inputs.head() instanceof PtNDArray && JniUtils.isGradMode();
            if (on) {
                JniUtils.setGradMode(false);
            }
            return new NoGradient(on);
        }

        @Override
        public void close() {
            if (restore) {
                JniUtils.setGradMode(true);
            }
        }
    }
}
