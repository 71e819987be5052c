package org.corads.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.IOException;
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
import org.corads.models.transfer.InitialWeights;
import org.corads.pipeline.app.Yaml;
import org.corads.steps.core.Sha256;
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

    @Parameters(index = "0", paramLabel = "<config.yaml>", description = "Training configuration (YAML).")
    Path config;

    @Parameters(index = "1", paramLabel = "<dataset.bin>", description = "A packed dataset (from the dataset command).")
    Path dataset;

    @Parameters(index = "2", paramLabel = "<modelDir>", description = "Where model.json, model.params and the "
            + "training curve are written.")
    Path modelDir;

    @Option(names = "--init", description = "Initial weights: a model folder (model.json + model.params) "
            + "or a .npz file.")
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
                throw BadInputException.of(dataset,
                        "has no lesion channel; the LESION_LOAD task needs one for its target");
            }
            train = Pretraining.proxySamples(data.samples("train"));
            val = Pretraining.proxySamples(data.samples("validation"));
        } else {
            if (cfg.channels() > data.channels()) {
                throw BadInputException.of(dataset,
                        "has " + data.channels() + " channel(s); the config asks for " + cfg.channels());
            }
            PackedDataset d = data.firstChannels(cfg.channels());
            train = d.samples("train");
            val = d.samples("validation");
        }
        if (train.isEmpty() || val.isEmpty()) {
            throw BadInputException.of(dataset, "needs cases in both the train and the validation split");
        }
        ClassifierTrainer.Init start = init == null ? null : InitialWeights.from(init, cfg);
        Path ckpt = modelDir.resolveSibling(modelDir.getFileName() + ".checkpoint");
        new ClassifierTrainer(cfg).train(train, val, modelDir, ckpt, System.err::println, start, Sha256.of(dataset));
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ModelCard.read(modelDir)));
        return ExitCodes.OK;
    }

    private TrainConfig readConfig() {
        if (!Files.isRegularFile(config)) {
            throw BadInputException.of(config, "no such config file");
        }
        try {
            TrainConfig c = Yaml.strict().readValue(config.toFile(), TrainConfig.class);
            if (c == null) {
                throw BadInputException.of(config, "holds no training config (the YAML document is null)");
            }
            return c;
        } catch (JsonProcessingException e) {
            throw BadInputException.of(config, Yaml.problem(e));
        } catch (IOException | IllegalArgumentException e) {
            throw BadInputException.of(config, "is not a training config: " + e.getMessage());
        }
    }
}
