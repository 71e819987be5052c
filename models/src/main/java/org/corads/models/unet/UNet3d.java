package org.corads.models.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.corads.models.Conv3d;
import org.corads.models.Layers;

/**
 * A 3D U-Net (Çiçek et al. 2016) for lesion segmentation (SPEC §3): per level two 3³ convolutions (+ norm +
 * ReLU); 2³ max pooling down; nearest-neighbour ×2 upsampling, concatenation with the skip connection and two 3³
 * convolutions up (DJL has no 3D transposed convolution); a 1³ convolution to the three class logits.
 * Input {@code N × 1 × D × H × W}, output {@code N × 3 × D × H × W}.
 */
public final class UNet3d extends AbstractBlock {
    private static final byte VERSION = 1;

    private final UNetConfig config;
    private final List<Block> down = new ArrayList<>();
    private final List<Block> up = new ArrayList<>();
    private final Block head;

    public UNet3d(UNetConfig config) {
        super(VERSION);
        this.config = config;
        for (int l = 0; l < config.levels(); l++) {
            down.add(addChildBlock("down" + l, convs(config.baseWidth() << l)));
        }
        for (int l = config.levels() - 2; l >= 0; l--) {
            up.add(addChildBlock("up" + l, convs(config.baseWidth() << l)));
        }
        head = addChildBlock("head",
                Conv3d.builder().setFilters(UNetConfig.CLASSES).setKernelShape(new Shape(1, 1, 1)).build());
    }

    public UNetConfig config() {
        return config;
    }

    private Block convs(int filters) {
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            b.add(Conv3d.builder().setFilters(filters).setKernelShape(new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1))
                    .optBias(config.norm() == Norm.NONE).build());
            if (config.norm() == Norm.BATCH) {
                b.add(Layers.batchNorm(1e-5f));
            }
            b.add(Layers.relu());
        }
        return b;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        check(x.getShape());
        List<NDArray> skips = new ArrayList<>();
        for (int l = 0; l < config.levels(); l++) {
            if (l > 0) {
                x = Pool.maxPool3d(x, new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0), false);
            }
            x = down.get(l).forward(ps, new NDList(x), training, params).singletonOrThrow();
            skips.add(x);
        }
        for (int i = 0; i < up.size(); i++) {
            int level = config.levels() - 2 - i;
            NDArray u = x.repeat(2, 2).repeat(3, 2).repeat(4, 2);
            x = up.get(i).forward(ps, new NDList(u.concat(skips.get(level), 1)), training, params).singletonOrThrow();
        }
        return head.forward(ps, new NDList(x), training, params);
    }

    private void check(Shape s) {
        int m = config.multiple();
        if (s.dimension() != 5 || s.get(1) != 1 || s.get(2) % m != 0 || s.get(3) % m != 0 || s.get(4) % m != 0) {
            throw new IllegalArgumentException(
                    "the U-Net takes N × 1 × D × H × W with D, H, W multiples of " + m + ", got " + s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[]{new Shape(s.get(0), UNetConfig.CLASSES, s.get(2), s.get(3), s.get(4))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        check(s);
        long n = s.get(0);
        long in = 1;
        for (int l = 0; l < config.levels(); l++) {
            long f = 1L << l;
            down.get(l).initialize(manager, dataType, new Shape(n, in, s.get(2) / f, s.get(3) / f, s.get(4) / f));
            in = (long) config.baseWidth() << l;
        }
        long below = in;
        for (int i = 0; i < up.size(); i++) {
            int level = config.levels() - 2 - i;
            long f = 1L << level;
            long skip = (long) config.baseWidth() << level;
            up.get(i).initialize(manager, dataType,
                    new Shape(n, below + skip, s.get(2) / f, s.get(3) / f, s.get(4) / f));
            below = skip;
        }
        head.initialize(manager, dataType, new Shape(n, below, s.get(2), s.get(3), s.get(4)));
    }
}
