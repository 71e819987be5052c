package org.corads.models.transfer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.ModelCard;
import org.corads.models.train.TrainConfig;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;

/**
 * Where a classifier's training starts: the weights of a trained model folder ({@code model.json} +
 * {@code model.params}, e.g. the pre-training stage's) or of an {@code .npz} file, with the source's name and
 * digest for the model card. Used by the {@code train} step and the {@code train} command alike.
 */
public final class InitialWeights {

    private InitialWeights() {}

    /** From a model folder or an {@code .npz} file; {@code target} is the configuration being trained. */
    public static ClassifierTrainer.Init from(Path location, TrainConfig target) throws IOException {
        if (Files.isDirectory(location)) {
            return fromModel(location, target, location.toString());
        }
        Map<String, Tensor> w = Npz.read(location);
        return new ClassifierTrainer.Init(w, location.toString(), Sha256.of(location));
    }

    /**
     * From a model folder, refusing one of the other dimensionality.
     *
     * @param source how the model card names the source ({@code null}: {@code pretrained:<arm of the source>})
     */
    public static ClassifierTrainer.Init fromModel(Path dir, TrainConfig target, String source) throws IOException {
        ModelCard card = ModelCard.read(dir);
        TrainConfig c = card.config();
        if (c.threeD() != target.threeD()) {
            throw BadInputException.of(dir, "holds a " + card.architecture() + " model; this arm trains "
                    + (target.threeD() ? "i3d" : "covnet"));
        }
        Path params = dir.resolve("model.params");
        try (NDManager m = NDManager.newBaseManager(DeviceSetting.current())) {
            Map<String, Tensor> w = WeightImport.fromParams(params, card.newBlock(),
                    new Shape(1, c.channels(), c.depth(), c.size(), c.size()), m);
            String name = source != null ? source : "pretrained:" + card.training().config().arm();
            return new ClassifierTrainer.Init(w, name, Sha256.of(params));
        }
    }
}
