package org.corads.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A layer without parameters (activation, pooling, flattening) that states its output shape instead of finding it
 * out: DJL's {@code LambdaBlock} runs its function on zero arrays of the input's shape whenever a shape is asked for,
 * which a network's initialisation does for every such layer — seconds and gigabytes at full size (a full-size I3D
 * took 8 to 10 s to initialise for loading, most of it ReLUs and poolings computed on zeros). Its saved form is DJL's;
 * the networks use it as {@link org.corads.models.LambdaBlock}, named like DJL's block so that their child names stay.
 */
abstract class ShapedLambda extends LambdaBlock {
    private final UnaryOperator<Shape> outputShape;

    /**
     * @param lambda      the layer, on one array
     * @param name        DJL's name for it
     * @param outputShape its output shape for an input shape
     */
    ShapedLambda(Function<NDList, NDList> lambda, String name, UnaryOperator<Shape> outputShape) {
        super(lambda, name);
        this.outputShape = outputShape;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return Arrays.stream(inputShapes).map(outputShape).toArray(Shape[]::new);
    }
}
