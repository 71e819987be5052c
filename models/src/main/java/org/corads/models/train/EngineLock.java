package org.corads.models.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * The engine's random generator and its single gradient collector are global to the JVM: every training
 * iteration (and seeded initialisation) holds this lock, so trainers running concurrently in one JVM take turns
 * and each stays exactly reproducible.
 */
public final class EngineLock {
    public static final Object LOCK = new Object();

    private EngineLock() {}

    /**
     * Initialises a block whose parameters are about to be loaded from a file: weights start at 0 instead of
     * a random draw, so loading never consumes the engine's random generator (a concurrent training run would
     * otherwise see other random numbers and stop being reproducible).
     */
    public static void initializeForLoading(Block block, NDManager manager, Shape inputShape) {
        block.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        synchronized (LOCK) {
            block.initialize(manager, DataType.FLOAT32, inputShape);
        }
    }
}
