package org.corads.models;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Batch normalisation over the channel axis (axis 1 of NC[D]HW), computed as DJL's own {@code BatchNorm} block
 * computes it but without its detour: for the default axis the PyTorch engine swaps axis 1 with itself before and
 * after torch's {@code batch_norm} (two transposes, their two backward nodes and a sub-manager per layer and
 * iteration); this block hands the input to the engine as it is ({@code axis = -1}, which the engine reads as "the
 * input is already channels-first"). Same parameters, same names, same saved form (version 2, the input shapes and
 * the channel count), so weight files and {@code .npz} keys written for DJL's block load here unchanged: the class
 * is called {@code BatchNorm} because DJL names a block's parameters after its class
 * ({@code 01BatchNorm_gamma}). {@code BatchNormTest} checks outputs, gradients and running statistics against
 * DJL's block bit for bit.
 */
public final class BatchNorm extends AbstractBlock {
    private static final byte VERSION = 2;
    private static final float MOMENTUM = 0.9f;

    private final float epsilon;
    private long channels;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    private BatchNorm(float epsilon) {
        super(VERSION);
        this.epsilon = epsilon;
        gamma = addParameter(param("gamma", Parameter.Type.GAMMA, true));
        beta = addParameter(param("beta", Parameter.Type.BETA, true));
        runningMean = addParameter(param("runningMean", Parameter.Type.RUNNING_MEAN, false));
        runningVar = addParameter(param("runningVar", Parameter.Type.RUNNING_VAR, false));
    }

    /** With the given ε and DJL's default momentum (0.9); networks build it with {@link Layers#batchNorm}. */
    static BatchNorm withEpsilon(float epsilon) {
        return new BatchNorm(epsilon);
    }

    private static Parameter param(String name, Parameter.Type type, boolean grad) {
        return Parameter.builder().setName(name).setType(type).optRequiresGrad(grad).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        return x.getNDArrayInternal().batchNorm(x, ps.getValue(runningMean, device, training),
                ps.getValue(runningVar, device, training), ps.getValue(gamma, device, training),
                ps.getValue(beta, device, training), -1, MOMENTUM, epsilon, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[]{inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape s = new Shape(channels);
        gamma.setShape(s);
        beta.setShape(s);
        runningMean.setShape(s);
        runningVar.setShape(s);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion == VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new MalformedModelException("Unsupported encoding version: " + loadVersion);
        }
        channels = is.readLong();
    }
}
