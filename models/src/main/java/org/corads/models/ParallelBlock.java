package org.corads.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.function.Function;

/** {@link ShapedParallel} under DJL's class name, so that the networks' child and parameter names are DJL's. */
public final class ParallelBlock extends ShapedParallel {
    public ParallelBlock(Function<List<NDList>, NDList> join, List<Block> branches,
            Function<List<Shape>, Shape> joinedShape) {
        super(join, branches, joinedShape);
    }
}
