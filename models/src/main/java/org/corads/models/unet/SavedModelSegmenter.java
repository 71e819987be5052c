package org.corads.models.unet;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.BadInputException;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.volume.Volume;

/**
 * {@link LesionSegmenter} for a TensorFlow SavedModel trained elsewhere, run on DJL's TensorFlow engine (natives
 * from {@code tensorflow-native-cu121:2.16.1}, found through {@code TENSORFLOW_LIBRARY_PATH}). The expected
 * signature ({@code serving_default}, tag {@code serve}): one float32 input {@code [batch, depth, height, width, 1]}
 * (NDHWC, the CT normalised to [0, 1] from [−1100, 300] HU) and one float32 output
 * {@code [batch, depth, height, width, 3]}: the probabilities of background, GGO and consolidation. Spatial
 * dimensions may be fixed (they set the sliding window) or −1 ({@code defaultWindow} is used). Anything else is
 * refused naming this signature.
 */
public final class SavedModelSegmenter implements LesionSegmenter {
    public static final String SIGNATURE = "serving_default: float32 input [batch, depth, height, width, "
            + "1] (NDHWC, CT in [0, 1])"
            + " → float32 output [batch, depth, height, width, 3] (background, GGO, consolidation probabilities)";

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final int window;
    private final double overlap;

    private SavedModelSegmenter(ZooModel<NDList, NDList> model, int window, double overlap) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.window = window;
        this.overlap = overlap;
    }

    public static SavedModelSegmenter load(Path dir, int defaultWindow) throws IOException {
        return load(dir, defaultWindow, SlidingWindow.DEFAULT_OVERLAP);
    }

    public static SavedModelSegmenter load(Path dir, int defaultWindow, double overlap) throws IOException {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw BadInputException.of(dir,
                    "is not a TensorFlow SavedModel folder (no saved_model.pb); expected " + SIGNATURE);
        }
        engine();
        ZooModel<NDList, NDList> m;
        try {
            m = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(dir).optEngine("TensorFlow")
                    .optTranslator(new NoopTranslator()).optOption("Tags", "serve")
                    .optOption("SignatureDefKey", "serving_default").build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw BadInputException.of(dir,
                    "cannot be loaded as a SavedModel (" + e.getMessage() + "); expected " + SIGNATURE);
        }
        try {
            int window = check(dir, m.describeInput(), m.describeOutput(), defaultWindow);
            return new SavedModelSegmenter(m, window, overlap);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The TensorFlow engine, or a one-line error saying where its natives must be. */
    static Engine engine() {
        try {
            return Engine.getEngine("TensorFlow");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("the TensorFlow engine cannot start (" + e.getMessage()
                    + "); set TENSORFLOW_LIBRARY_PATH"
                    + " to the native/lib folder of ai.djl.tensorflow:tensorflow-native-cu121:2.16.1 (linux-x86_64)");
        }
    }

    static int check(Path dir, PairList<String, Shape> in, PairList<String, Shape> out, int defaultWindow) {
        if (in == null || out == null || in.size() != 1 || out.size() != 1) {
            throw BadInputException.of(dir, "has " + (in == null ? "?" : in.size()) + " input(s) and "
                    + (out == null ? "?" : out.size()) + " output(s); expected " + SIGNATURE);
        }
        Shape i = in.get(0).getValue();
        Shape o = out.get(0).getValue();
        if (i.dimension() != 5 || i.get(4) != 1) {
            throw BadInputException.of(dir,
                    "input " + in.get(0).getKey() + " has shape " + i + "; expected " + SIGNATURE);
        }
        if (o.dimension() != 5 || o.get(4) != 3) {
            throw BadInputException.of(dir,
                    "output " + out.get(0).getKey() + " has shape " + o + "; expected " + SIGNATURE);
        }
        long d = i.get(1);
        if (d > 0 && (d != i.get(2) || d != i.get(3))) {
            throw BadInputException.of(dir,
                    "input " + in.get(0).getKey() + " has a non-cubic window " + i + "; expected " + SIGNATURE);
        }
        return d > 0 ? (int) d : defaultWindow;
    }

    public int window() {
        return window;
    }

    @Override
    public Segmentation segment(Volume hu, Volume lung) {
        Volume norm = ClipAndNormalise.PAPER.apply(hu);
        return new SlidingWindow(window, overlap).run(norm, lung, (patch, size) -> probabilities(patch));
    }

    /** Channel-first {@code 3 × w³} probabilities of one normalised {@code w³} patch. */
    float[] probabilities(float[] patch) {
        try (var sub = model.getNDManager().newSubManager()) {
            NDArray x = sub.create(patch, new Shape(1, window, window, window, 1));
            NDList y = predictor.predict(new NDList(x));
            float[] nhwc = y.singletonOrThrow().toFloatArray();
            int v = window * window * window;
            float[] chw = new float[3 * v];
            for (int k = 0; k < v; k++) {
                for (int c = 0; c < 3; c++) {
                    chw[c * v + k] = nhwc[k * 3 + c];
                }
            }
            return chw;
        } catch (TranslateException e) {
            throw new IllegalStateException("SavedModel inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
