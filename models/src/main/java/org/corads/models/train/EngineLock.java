package org.corads.models.train;

/**
 * The engine's random generator and its single gradient collector are global to the JVM: every training
 * iteration (and seeded initialisation) holds this lock, so trainers running concurrently in one JVM take turns
 * and each stays exactly reproducible.
 */
public final class EngineLock {
    public static final Object LOCK = new Object();

    private EngineLock() {
    }

    /**
     * Initialises a block whose parameters are about to be loaded from a file: weights start at 0 instead of
     * a random draw, so loading never consumes the engine's random generator (a concurrent training run would
     * otherwise see other random numbers and stop being reproducible).
     */
    public static void initializeForLoading(ai.djl.nn.Block block, ai.djl.ndarray.NDManager manager,
                                            ai.djl.ndarray.types.Shape inputShape) {
        block.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), ai.djl.nn.Parameter.Type.WEIGHT);
        synchronized (LOCK) {
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, inputShape);
        }
    }
}
