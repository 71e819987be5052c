package org.corads.models.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.models.covnet.CovNet;
import org.corads.models.i3d.I3d;
import org.corads.steps.io.BadInputException;

/**
 * {@code model.json}: what a trained model is and where it came from — architecture, the training run (config
 * with arm, seed and task; best iteration and score; validation curve), the digest of the training data
 * manifest, and the initial weights' source and digest (transfer learning), next to {@code model.params}.
 *
 * @param architecture    {@code i3d} or {@code covnet}
 * @param training        configuration, best iteration and the validation curve
 * @param dataDigest      SHA-256 of the training data (manifest or packed samples); null when unknown
 * @param initialisedFrom source of initial weights, or null (random initialisation)
 * @param initSha256      digest of that source, or null
 * @param parameterArrays number of parameter arrays in the network
 * @param trainedOn       device and engine it was trained on ({@code cpu() on PyTorch 2.7.1}); absent in cards
 *                            written before it was recorded
 */
public record ModelCard(String architecture, ClassifierTrainer.State training, String dataDigest,
        String initialisedFrom, String initSha256, int parameterArrays,
        @JsonInclude(JsonInclude.Include.NON_NULL) String trainedOn) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TrainConfig config() {
        return training.config();
    }

    /** Writes {@code model.params} and {@code model.json} into a new model directory (never over an existing model). */
    static void write(Path dir, byte[] params, ModelCard card) throws IOException {
        if (Files.exists(dir.resolve("model.json"))) {
            throw BadInputException.of(dir, "already holds a model; choose another model directory");
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("model.params"), params);
        JSON.writeValue(dir.resolve("model.json").toFile(), card);
    }

    public static ModelCard read(Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(dir.resolve("model.params"))) {
            throw BadInputException.of(dir, "is not a model directory; expected model.json and model.params");
        }
        ModelCard card;
        try {
            card = JSON.readValue(json.toFile(), ModelCard.class);
        } catch (JacksonException e) {
            throw BadInputException.of(json, "is not a model card: " + e.getOriginalMessage());
        }
        if (card == null || card.training() == null || card.training().config() == null) {
            throw BadInputException.of(json, "is not a model card: it has no training configuration");
        }
        return card;
    }

    /** A fresh, uninitialised block of this card's architecture, width and head. */
    public Block newBlock() {
        return newBlock(config());
    }

    public static Block newBlock(TrainConfig c) {
        return c.threeD() ? I3d.build(c.head().outputs(), c.width(), 0.5f) : new CovNet(c.head().outputs(), c.width());
    }

    /** The block of a model directory with its trained parameters loaded (for inference, batch 1). */
    public static Block load(Path dir, NDManager manager) throws IOException {
        ModelCard card = read(dir);
        Block b = card.newBlock();
        TrainConfig c = card.config();
        EngineLock.initializeForLoading(b, manager, new Shape(1, c.channels(), c.depth(), c.size(), c.size()));
        ClassifierTrainer.loadParams(b, manager, dir.resolve("model.params"));
        return b;
    }
}
