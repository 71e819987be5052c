package org.corads.models.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Dice + cross-entropy for the lesion U-Net: mean voxel cross-entropy of the softmax over the 3 classes, plus
 * {@code 1 −} the mean soft Dice of the two lesion classes (GGO, consolidation) over the batch (ε = 1 so that a
 * patch without a class does not dominate). Labels {@code N × D × H × W} class indices (float), predictions
 * {@code N × 3 × D × H × W} logits.
 */
public final class DiceCeLoss extends Loss {

    public DiceCeLoss() {
        super("DiceCE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray onehot = labels.singletonOrThrow().toType(DataType.INT32, false).oneHot(UNetConfig.CLASSES).transpose(0,
                4, 1, 2, 3);
        NDArray logp = logits.logSoftmax(1);
        NDArray ce = onehot.mul(logp).sum(new int[]{1}).mean().neg();
        NDArray p = logp.exp().get(":, 1:");
        NDArray g = onehot.get(":, 1:");
        int[] axes = {0, 2, 3, 4};
        NDArray dice = p.mul(g).sum(axes).mul(2).add(1).div(p.sum(axes).add(g.sum(axes)).add(1));
        return ce.add(dice.mean().neg().add(1));
    }
}
