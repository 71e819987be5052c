package org.corads.models.unet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A reference TensorFlow SavedModel with the signature {@link SavedModelSegmenter} expects, built with the
 * TensorFlow Java API bundled in DJL's {@code tensorflow-api}: a voxel-wise intensity classifier,
 * {@code softmax([10 − 25x, 30x − 12, 70x − 40])} over the last axis (x = normalised CT: background below 0.4,
 * GGO 0.4–0.7, consolidation above). It documents the interface by example and lets tests check the SavedModel
 * path against the same graph evaluated directly. The TensorFlow engine must be loaded first
 * ({@code Engine.getEngine("TensorFlow")}), which loads the natives for this API too.
 */
public final class VoxelwiseSavedModel {

    private VoxelwiseSavedModel() {}

    /** Exports the model to {@code out} with input shape {@code inputShape} (e.g. {@code -1,-1,-1,-1,1}). */
    public static void export(Path out, long... inputShape) throws IOException {
        Shape shape = Shape.of(inputShape);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("ct").placeholder(TFloat32.class, Placeholder.shape(shape));
            Operand<TFloat32> bg = tf.math.add(tf.math.mul(x, tf.constant(-25f)), tf.constant(10f));
            Operand<TFloat32> ggo = tf.math.add(tf.math.mul(x, tf.constant(30f)), tf.constant(-12f));
            Operand<TFloat32> con = tf.math.add(tf.math.mul(x, tf.constant(70f)), tf.constant(-40f));
            Operand<TFloat32> probs = tf.withName("probs").nn
                    .softmax(tf.concat(List.of(bg, ggo, con), tf.constant(shape.numDimensions() - 1)));
            try (Session s = new Session(g)) {
                Signature sig = Signature.builder().key("serving_default").input("ct", x).output("probs", probs)
                        .build();
                SavedModelBundle.exporter(out.toString()).withFunction(SessionFunction.create(sig, s)).export();
            }
        }
    }

    /** Runs an exported model directly in a TF session on one {@code nz × ny × nx} volume; NDHWC probabilities. */
    public static float[] evaluate(Path savedModel, float[] ct, int nx, int ny, int nz) {
        try (SavedModelBundle b = SavedModelBundle.load(savedModel.toString(), "serve");
                TFloat32 in = TFloat32.tensorOf(Shape.of(1, nz, ny, nx, 1), DataBuffers.of(ct, true, false));
                Result r = b.session().runner().feed("ct", in).fetch("probs").run()) {
            float[] out = new float[ct.length * 3];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }
}
