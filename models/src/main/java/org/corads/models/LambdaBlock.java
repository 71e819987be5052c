package org.corads.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** {@link ShapedLambda} under DJL's class name, so that the networks' child names are DJL's. */
public final class LambdaBlock extends ShapedLambda {
    public LambdaBlock(Function<NDList, NDList> lambda, String name, UnaryOperator<Shape> outputShape) {
        super(lambda, name, outputShape);
    }
}
