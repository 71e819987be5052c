package org.corads.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.corads.models.Head;
import org.corads.models.unet.LesionModelCard;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder loads as written; a damaged one is refused in one line naming what is wrong, never a stack trace. */
class ModelCardTest {
    private static final TrainConfig CFG = new TrainConfig("tiny", true, Head.CATEGORICAL, 2, 0.0625f, 8, 30, 1, 1e-3f,
            2, 6, 3, 100, false);

    @TempDir
    Path dir;
    private Path model;
    private byte[] params;

    @BeforeEach
    void writeAModel() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = ModelCard.newBlock(CFG);
            EngineLock.initializeForLoading(b, m, new Shape(1, 2, 8, 30, 30));
            params = ClassifierTrainer.params(b);
        }
        model = dir.resolve("m");
        ModelCard.write(model, params, new ModelCard("i3d",
                new ClassifierTrainer.State(CFG, 6, 3, 0.5, List.of(), 8, 2), null, null, null, 42, null));
    }

    private void refused(Path dir, String why) {
        assertThatThrownBy(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                ModelCard.load(dir, m);
            }
        }).isInstanceOf(BadInputException.class).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void loadsTheModelItWrote() throws IOException {
        assertThat(ModelCard.read(model).config()).isEqualTo(CFG);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ClassifierTrainer.params(ModelCard.load(model, m))).isEqualTo(params);
        }
    }

    @Test
    void truncatedParametersAreRefused() throws IOException {
        Files.write(model.resolve("model.params"), Arrays.copyOf(params, params.length / 2));
        refused(model, "model.params: is truncated");
    }

    @Test
    void foreignParametersAreRefused() throws IOException {
        Files.write(model.resolve("model.params"), new byte[4096]);
        refused(model, "model.params: parameters do not fit this architecture");
    }

    @Test
    void aCardWithoutItsTrainingConfigurationIsRefused() throws IOException {
        for (String json : List.of("{}", "{\"architecture\":\"i3d\",\"training\":{\"iteration\":3}}", "null")) {
            Files.writeString(model.resolve("model.json"), json);
            refused(model, "model.json: is not a model card: it has no training configuration");
        }
        Files.writeString(model.resolve("model.json"), "{\"broken");
        refused(model, "model.json: is not a model card");
        Files.delete(model.resolve("model.params"));
        refused(model, "is not a model directory");
    }

    @Test
    void aLesionCardWithoutItsTrainingConfigurationIsRefused() throws IOException {
        Files.writeString(model.resolve("model.json"), "{\"architecture\":\"unet3d\"}");
        assertThatThrownBy(() -> LesionModelCard.read(model)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a lesion model card: it has no training configuration");
        Files.writeString(model.resolve("model.json"), "{\"architecture\":\"unet3d\",\"training\":{}}");
        assertThatThrownBy(() -> LesionModelCard.read(model)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a lesion model card").hasMessageContaining("('net') is missing");
    }
}
