package org.corads.models.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.corads.models.Inference;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.EngineLock;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.volume.Volume;

/**
 * {@link LesionSegmenter} on the DJL PyTorch engine: a trained {@link UNet3d} ({@code model.params} +
 * {@code model.json} from {@link LesionTrainer}) run by {@link SlidingWindow} on the normalised CT. The network is
 * fully
 * convolutional, so its windows are fitted to the lungs' box ({@link SlidingWindow#fitted}).
 */
public final class UNetSegmenter implements LesionSegmenter {
    private final NDManager manager;
    private final UNet3d net;
    private final int window;
    private final double overlap;

    public UNetSegmenter(UNet3d net, NDManager manager, int window, double overlap) {
        this.net = net;
        this.manager = manager;
        this.window = window;
        this.overlap = overlap;
    }

    public static UNetSegmenter load(Path dir, int window) throws IOException {
        return load(dir, window, SlidingWindow.DEFAULT_OVERLAP);
    }

    /** Loads a model folder; {@code window} is the sliding-window side (a multiple of the net's). */
    public static UNetSegmenter load(Path dir, int window, double overlap) throws IOException {
        LesionModelCard card = LesionModelCard.read(dir);
        UNetConfig c = card.training().net();
        if (window % c.multiple() != 0) {
            throw new IllegalArgumentException("window " + window + " must be a multiple of " + c.multiple());
        }
        NDManager m = NDManager.newBaseManager(DeviceSetting.current(), "PyTorch");
        UNet3d net = new UNet3d(c);
        EngineLock.initializeForLoading(net, m, new Shape(1, 1, window, window, window));
        ClassifierTrainer.loadParams(net, m, dir.resolve("model.params"));
        return new UNetSegmenter(net, m, window, overlap);
    }

    @Override
    public Segmentation segment(Volume hu, Volume lung) {
        Volume norm = ClipAndNormalise.PAPER.apply(hu);
        return SlidingWindow.fitted(window, overlap, net.config().multiple()).run(norm, lung,
                (patch, size) -> probabilities(net, manager, patch, size));
    }

    /** Class probabilities {@code 3 × sx·sy·sz} of one normalised patch of sides {@code size} (x, y, z). */
    static float[] probabilities(Block net, NDManager m, float[] patch, int[] size) {
        try (NDManager sub = m.newSubManager()) {
            NDArray x = sub.create(patch, new Shape(1, 1, size[2], size[1], size[0]));
            return Inference.forward(net, new ParameterStore(sub, false), x).softmax(1).toFloatArray();
        }
    }

    static byte[] argmax(Block net, NDManager m, float[] patch, int s) {
        try (NDManager sub = m.newSubManager()) {
            NDArray x = sub.create(patch, new Shape(1, 1, s, s, s));
            NDArray a = Inference.forward(net, new ParameterStore(sub, false), x).argMax(1);
            long[] v = a.toLongArray();
            byte[] out = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (byte) v[i];
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
