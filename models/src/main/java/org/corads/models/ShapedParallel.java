package org.corads.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Branches on one input, joined: DJL's {@code ParallelBlock} with the join's output shape stated instead of found by
 * joining empty arrays of the branches' output shapes (which allocates and concatenates full-size arrays whenever a
 * shape is asked for). Its saved form is DJL's; the networks use it as {@link org.corads.models.ParallelBlock}, named
 * like DJL's block so that their child and parameter names stay.
 */
abstract class ShapedParallel extends ParallelBlock {
    private final Function<List<Shape>, Shape> joinedShape;

    /**
     * @param join        the join of the branches' outputs
     * @param branches    the branches
     * @param joinedShape the join's output shape for the branches' output shapes
     */
    ShapedParallel(Function<List<NDList>, NDList> join, List<Block> branches,
            Function<List<Shape>, Shape> joinedShape) {
        super(join, branches);
        this.joinedShape = joinedShape;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Shape> branchShapes = new ArrayList<>();
        for (Block b : getChildren().values()) {
            branchShapes.add(b.getOutputShapes(inputShapes)[0]);
        }
        return new Shape[]{joinedShape.apply(branchShapes)};
    }
}
