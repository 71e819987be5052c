package org.corads.models.unet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.steps.io.BadInputException;

/**
 * {@code model.json} of a lesion U-Net: architecture, training configuration (with seed), best iteration and
 * validation Dice, the validation curve, the digest of the training data, and the device and engine it was trained
 * on (absent in cards written before it was recorded).
 */
public record LesionModelCard(String architecture, LesionTrainer.Config training, int bestIteration, double bestValDice,
        List<LesionTrainer.Point> curve, String dataDigest, int trainCases, int validationCases,
        @JsonInclude(JsonInclude.Include.NON_NULL) String trainedOn) {

    /** {@code model.json} of a lesion model folder; anything else is refused naming the file. */
    public static LesionModelCard read(Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(dir.resolve("model.params"))) {
            throw BadInputException.of(dir, "is not a lesion model folder; expected model.json and model.params");
        }
        LesionModelCard card;
        try {
            card = new ObjectMapper().readValue(json.toFile(), LesionModelCard.class);
        } catch (JacksonException e) {
            throw BadInputException.of(json, "is not a lesion model card: " + e.getOriginalMessage());
        }
        if (card == null || card.training() == null) {
            throw BadInputException.of(json, "is not a lesion model card: it has no training configuration");
        }
        if (!"unet3d".equals(card.architecture())) {
            throw BadInputException.of(json, "describes a " + card.architecture() + " model; expected unet3d");
        }
        return card;
    }
}
