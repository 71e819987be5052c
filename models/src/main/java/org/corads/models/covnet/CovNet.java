package org.corads.models.covnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.corads.models.Inference;

/**
 * COVNet (Li et al. 2020), the 2D arm of SPEC §4: ResNet-50 applied to every axial slice, global max pooling
 * of the 2048-d slice features across slices, one fully connected layer to the outputs. Input
 * {@code N × C × D × H × W}; the D slices of each scan go through the shared ResNet as a batch of N·D images.
 */
public final class CovNet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block resnet;
    private final Block fc;

    /**
     * @param outputs 1 (continuous) or 5 (categorical)
     * @param width   ResNet width multiplier (1 = ResNet-50)
     */
    public CovNet(int outputs, float width) {
        super(VERSION);
        this.resnet = addChildBlock("resnet", ResNet50.features(width));
        this.fc = addChildBlock("fc", Linear.builder().setUnits(outputs).build());
    }

    public Block resnet() {
        return resnet;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long[] s = x.getShape().getShape();
        if (s.length != 5) {
            throw new IllegalArgumentException("COVNet expects N × C × D × H × W input, got " + x.getShape());
        }
        NDArray slices = x.transpose(0, 2, 1, 3, 4).reshape(s[0] * s[2], s[1], s[3], s[4]);
        // inference frees each ResNet layer's arrays once the next has them: 128 slices at once otherwise peak at 23 GB
        NDArray f = training
                ? resnet.forward(ps, new NDList(slices), true, params).singletonOrThrow()
                : Inference.forward(resnet, ps, slices);
        NDArray pooled = f.reshape(s[0], s[2], f.getShape().get(1)).max(new int[]{1});
        return fc.forward(ps, new NDList(pooled), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        Shape img = new Shape(in.get(0) * in.get(2), in.get(1), in.get(3), in.get(4));
        Shape f = resnet.getOutputShapes(new Shape[]{img})[0];
        return fc.getOutputShapes(new Shape[]{new Shape(in.get(0), f.get(1))});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape img = new Shape(in.get(0) * in.get(2), in.get(1), in.get(3), in.get(4));
        resnet.initialize(manager, dataType, img);
        Shape f = resnet.getOutputShapes(new Shape[]{img})[0];
        fc.initialize(manager, dataType, new Shape(in.get(0), f.get(1)));
    }
}
