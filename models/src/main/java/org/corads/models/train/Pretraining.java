package org.corads.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corads.models.Head;

/**
 * The in-pipeline pre-training stage: because no ImageNet or Kinetics weights can be downloaded, the network
 * of each dimensionality is first trained on a proxy task over the same cohort — estimating the lesion load
 * of a scan from the CT channel alone. The target is {@code 1 − exp(−20 · f)}, {@code f} the fraction of the
 * model input covered by the lesion map (channel 1), which maps a lesion-free scan to 0 and saturates for
 * extensive disease (f = 0.05 → 0.63, f = 0.15 → 0.95). The lesion channel is not an input, so the network has
 * to find lesions in the CT; its weights then initialise the classifier (the stem's CT-only kernels are mapped to
 * the classifier's input channels, the head is left initialised). This is the "with pre-training" arm of the
 * ablation; loading an external 2D checkpoint ({@code WeightImport}) is the other route.
 */
public final class Pretraining {
    /** Saturation constant of the proxy target. */
    public static final double SCALE = 20;

    private Pretraining() {}

    /** The proxy configuration for an arm: same architecture, width and input size; CT only; continuous head. */
    public static TrainConfig proxyConfig(TrainConfig arm, String name) {
        return new TrainConfig(name, arm.threeD(), Head.CONTINUOUS, 1, arm.width(), arm.depth(), arm.size(), arm.seed(),
                arm.learningRate(), arm.batchSize(), arm.maxIterations(), arm.validateEvery(), arm.patience(),
                arm.augment(), TrainConfig.Task.LESION_LOAD);
    }

    /** CT-only cases with the lesion-load target, from two-channel (CT + lesion map) cases. */
    public static List<Sample> proxySamples(List<Sample> twoChannel) {
        List<Sample> out = new ArrayList<>(twoChannel.size());
        for (Sample s : twoChannel) {
            int half = s.data().length / 2;
            if (half * 2 != s.data().length) {
                throw new IllegalArgumentException("case " + s.id() + " is not two-channel (CT + lesion map)");
            }
            float[] ct = Arrays.copyOf(s.data(), half);
            double sum = 0;
            for (int i = half; i < s.data().length; i++) {
                sum += s.data()[i];
            }
            out.add(new Sample(s.id(), ct, s.grade(), target(sum / half)));
        }
        return out;
    }

    /** {@code 1 − exp(−SCALE · fraction)}. */
    public static float target(double lesionFraction) {
        return (float) (1 - Math.exp(-SCALE * Math.max(0, lesionFraction)));
    }
}
