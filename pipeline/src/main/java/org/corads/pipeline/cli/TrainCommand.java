package org.corads.pipeline.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.ModelCard;
import org.corads.models.train.PackedDataset;
import org.corads.models.train.Pretraining;
import org.corads.models.train.Sample;
import org.corads.models.train.TrainConfig;
import org.corads.models.transfer.Npz;
import org.corads.models.transfer.Tensor;
import org.corads.models.transfer.WeightImport;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code train <config.yaml> <dataset.bin> <modelDir>}: trains one arm with one seed (a {@link TrainConfig} as
 * YAML or JSON) on the train split of a packed dataset, validating on its validation split; writes
 * {@code model.params} and {@code model.json} into {@code <modelDir>} (which must not hold a model) and keeps
 * checkpoints in {@code <modelDir>.checkpoint/}, so the same command after a crash resumes. {@code --init} starts
 * from a trained model folder or an {@code .npz} of 2D/3D weights (inflated and channel-mapped as needed; the
 * head stays initialised). {@code task: LESION_LOAD} in the config trains the pre-training proxy task instead.
 */
@Command(name = "train", description = "Train one arm with one seed from a config file on a packed dataset.")
public class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<config.yaml>")
    Path config;

    @Parameters(index = "1", paramLabel = "<dataset.bin>")
    Path dataset;

    @Parameters(index = "2", paramLabel = "<modelDir>")
    Path modelDir;

    @Option(names = "--init", description = "Initial weights: a model folder (model.json + model.params) or a .npz file.")
    Path init;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        TrainConfig cfg = readConfig();
        if (Files.exists(modelDir.resolve("model.json"))) {
            throw BadInputException.of(modelDir, "already holds a model; choose another model directory");
        }
        PackedDataset data = PackedDataset.read(dataset);
        if (data.depth() != cfg.depth() || data.size() != cfg.size()) {
            throw BadInputException.of(dataset, "holds " + data.depth() + " × " + data.size() + " × " + data.size()
                    + " cases; the config asks for " + cfg.depth() + " × " + cfg.size() + " × " + cfg.size());
        }
        List<Sample> train;
        List<Sample> val;
        if (cfg.task() == TrainConfig.Task.LESION_LOAD) {
            if (data.channels() < 2) {
                throw BadInputException.of(dataset, "has no lesion channel; the LESION_LOAD task needs one for its target");
            }
            train = Pretraining.proxySamples(data.samples("train"));
            val = Pretraining.proxySamples(data.samples("validation"));
        } else {
            if (cfg.channels() > data.channels()) {
                throw BadInputException.of(dataset, "has " + data.channels() + " channel(s); the config asks for " + cfg.channels());
            }
            PackedDataset d = data.firstChannels(cfg.channels());
            train = d.samples("train");
            val = d.samples("validation");
        }
        if (train.isEmpty() || val.isEmpty()) {
            throw BadInputException.of(dataset, "needs cases in both the train and the validation split");
        }
        ClassifierTrainer.Init start = init == null ? null : initFrom(cfg);
        Path ckpt = modelDir.resolveSibling(modelDir.getFileName() + ".checkpoint");
        new ClassifierTrainer(cfg).train(train, val, modelDir, ckpt, System.err::println, start,
                org.corads.datasets.manifest.Digest.sha256(dataset));
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ModelCard.read(modelDir)));
        return ExitCodes.OK;
    }

    private TrainConfig readConfig() {
        if (!Files.isRegularFile(config)) {
            throw BadInputException.of(config, "no such config file");
        }
        try {
            return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(config.toFile(), TrainConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw BadInputException.of(config, "is not a training config: " + e.getOriginalMessage());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw BadInputException.of(config, "is not a training config: " + e.getMessage());
        }
    }

    private ClassifierTrainer.Init initFrom(TrainConfig cfg) throws Exception {
        if (Files.isDirectory(init)) {
            ModelCard card = ModelCard.read(init);
            TrainConfig c = card.config();
            if (c.threeD() != cfg.threeD()) {
                throw BadInputException.of(init, "holds a " + card.architecture() + " model; this config trains "
                        + (cfg.threeD() ? "i3d" : "covnet"));
            }
            try (NDManager m = NDManager.newBaseManager()) {
                var w = WeightImport.fromParams(init.resolve("model.params"), card.newBlock(),
                        new Shape(1, c.channels(), c.depth(), c.size(), c.size()), m);
                return new ClassifierTrainer.Init(w, init.toString(), org.corads.datasets.manifest.Digest.sha256(init.resolve("model.params")));
            }
        }
        java.util.Map<String, Tensor> w = Npz.read(init);
        return new ClassifierTrainer.Init(w, init.toString(), org.corads.datasets.manifest.Digest.sha256(init));
    }
}
