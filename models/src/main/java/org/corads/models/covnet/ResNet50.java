package org.corads.models.covnet;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.corads.models.Layers;

/**
 * ResNet-50 feature extractor (He et al. 2016, v1 with stride on the 3×3 conv, as torchvision): 7×7 stem,
 * 3×3 max pool, bottleneck stages of 3, 4, 6, 3 blocks (64→256, 128→512, 256→1024, 512→2048 channels), global
 * average pool; no classifier. Input {@code N × C × H × W}, output {@code N × 2048·width}. About 23.5 M
 * parameters at width 1 with 3 input channels.
 */
public final class ResNet50 {
    static final int[] BLOCKS = {3, 4, 6, 3};
    static final int[] MID = {64, 128, 256, 512};

    private ResNet50() {}

    public static Block features(float width) {
        SequentialBlock net = new SequentialBlock();
        net.add(Layers.unit2d(Layers.width(64, width), 7, 2, true));
        net.add(Layers.maxPool2d(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < BLOCKS[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                net.add(bottleneck(Layers.width(MID[stage], width), stride, b == 0));
            }
        }
        net.add(Layers.globalAvgPool2d());
        net.add(Layers.batchFlatten());
        return net;
    }

    /** Width of the feature vector. */
    public static int featureSize(float width) {
        return Layers.width(MID[3], width) * 4;
    }

    static Block bottleneck(int mid, int stride, boolean project) {
        SequentialBlock residual = new SequentialBlock().add(Layers.unit2d(mid, 1, 1, true))
                .add(Layers.unit2d(mid, 3, stride, true)).add(Layers.unit2d(mid * 4, 1, 1, false));
        Block shortcut = project ? Layers.unit2d(mid * 4, 1, stride, false) : Layers.identity();
        return new SequentialBlock().add(Layers.sum(List.of(residual, shortcut))).add(Layers.relu());
    }
}
