package org.corads.models.i3d;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import org.corads.models.Layers;

/**
 * I3D, the Inflated Inception-V1 of Carreira &amp; Zisserman (2017), as in SPEC §4: stem 7³ conv stride 2,
 * 1×3×3 max pool, 1³ and 3³ convs, 1×3×3 max pool, Mixed 3b–3c, 3³ max pool stride 2, Mixed 4b–4f, 2³ max pool
 * stride 2, Mixed 5b–5c, global average pool, dropout, 1³ conv to the outputs. Input {@code N × C × D × H × W}
 * (C = 1 or 2); output {@code N × outputs}. The width multiplier scales every channel count (1 = the original,
 * about 12 M parameters).
 */
public final class I3d {
    /** Inception module channels: 1³; 1³→3³; 1³→3³; pool→1³ (the Inception-V1 table). */
    static final int[][] MIXED = {{64, 96, 128, 16, 32, 32}, {128, 128, 192, 32, 96, 64}, {192, 96, 208, 16, 48, 64},
            {160, 112, 224, 24, 64, 64}, {128, 128, 256, 24, 64, 64}, {112, 144, 288, 32, 64, 64},
            {256, 160, 320, 32, 128, 128}, {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128}};

    private I3d() {}

    /**
     * @param outputs 1 (continuous head) or 5 (categorical)
     * @param width   channel multiplier (1 = original)
     * @param dropout dropout rate before the last conv
     */
    public static Block build(int outputs, float width, float dropout) {
        SequentialBlock net = new SequentialBlock();
        net.add(Layers.unit3d(Layers.width(64, width), 7, 2));
        net.add(Layers.maxPool3d(new Shape(1, 3, 3), new Shape(1, 2, 2), new Shape(0, 1, 1)));
        net.add(Layers.unit3d(Layers.width(64, width), 1, 1));
        net.add(Layers.unit3d(Layers.width(192, width), 3, 1));
        net.add(Layers.maxPool3d(new Shape(1, 3, 3), new Shape(1, 2, 2), new Shape(0, 1, 1)));
        net.add(mixed(MIXED[0], width)).add(mixed(MIXED[1], width));
        net.add(Layers.maxPool3d(new Shape(3, 3, 3), new Shape(2, 2, 2), new Shape(1, 1, 1)));
        for (int i = 2; i <= 6; i++) {
            net.add(mixed(MIXED[i], width));
        }
        net.add(Layers.maxPool3d(new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0)));
        net.add(mixed(MIXED[7], width)).add(mixed(MIXED[8], width));
        net.add(Layers.globalAvgPool3d());
        net.add(Dropout.builder().optRate(dropout).build());
        net.add(Layers.batchFlatten());
        // the 1³ conv on a pooled 1×1×1 map is a linear layer on the pooled features
        net.add(Linear.builder().setUnits(outputs).build());
        return net;
    }

    static Block mixed(int[] c, float w) {
        Block b0 = Layers.unit3d(Layers.width(c[0], w), 1, 1);
        Block b1 = new SequentialBlock().add(Layers.unit3d(Layers.width(c[1], w), 1, 1))
                .add(Layers.unit3d(Layers.width(c[2], w), 3, 1));
        Block b2 = new SequentialBlock().add(Layers.unit3d(Layers.width(c[3], w), 1, 1))
                .add(Layers.unit3d(Layers.width(c[4], w), 3, 1));
        Block b3 = new SequentialBlock()
                .add(Layers.maxPool3d(new Shape(3, 3, 3), new Shape(1, 1, 1), new Shape(1, 1, 1)))
                .add(Layers.unit3d(Layers.width(c[5], w), 1, 1));
        return Layers.concatChannels(List.of(b0, b1, b2, b3));
    }

    /** The first convolution, whose weights transfer learning maps from RGB to the input channels. */
    static Convolution stemConv(Block net) {
        Block stem = net.getChildren().get(0).getValue();
        return (Convolution) stem.getChildren().get(0).getValue();
    }
}
