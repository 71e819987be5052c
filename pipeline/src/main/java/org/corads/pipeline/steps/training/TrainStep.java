package org.corads.pipeline.steps.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.PackedDataset;
import org.corads.models.train.Pretraining;
import org.corads.models.train.TrainConfig;
import org.corads.models.transfer.InitialWeights;
import org.corads.pipeline.steps.ModelFiles;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.Sha256;
import org.corads.steps.core.StepFiles;
import org.corads.steps.core.Work;
import org.corads.steps.io.BadInputException;
import org.jboss.logging.Logger;

/**
 * {@code train}: one arm and seed on {@code dataset}'s train split, validated on its validation split, optionally
 * initialised from a pre-trained model ({@code init/params} + {@code init/card}, e.g. from {@code pretrain});
 * checkpoints go to the step's state folder, so a killed run resumes where it stopped. Outputs the best
 * model's {@code model.params} and {@code model.json} (with the dataset digest and the initial weights' digest).
 */
public final class TrainStep extends BaseStep<TrainParams> {
    private static final Logger LOG = Logger.getLogger(TrainStep.class);

    public TrainStep() {
        super("train", 2, TrainParams.class, List.of("dataset", "init*"), List.of("model.params", "model.json"));
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public Work work(TrainParams p) {
        return p.work(name());
    }

    @Override
    public void run(TrainParams p, StepFiles files) throws IOException {
        PackedDataset all = PackedDataset.read(files.input("dataset"));
        PackedDataset data = p.lesionChannel() ? requireTwo(all, files.input("dataset")) : all.firstChannels(1);
        TrainConfig cfg = p.config(data.depth(), data.size());
        ClassifierTrainer.Init init = init(files, cfg);
        Path model = files.output("model.json").getParent().resolve("model");
        new ClassifierTrainer(cfg).train(data.samples("train"), data.samples("validation"), model,
                files.stateDir().resolve("checkpoint"), LOG::info, init, Sha256.of(files.input("dataset")));
        Files.move(model.resolve("model.params"), files.output("model.params"));
        Files.move(model.resolve("model.json"), files.output("model.json"));
    }

    public static PackedDataset requireTwo(PackedDataset d, Path file) {
        if (d.channels() < 2) {
            throw BadInputException.of(file, "has no lesion channel; the arm asks for one (lesionChannel true)");
        }
        return d;
    }

    private static ClassifierTrainer.Init init(StepFiles files, TrainConfig cfg) throws IOException {
        var in = files.inputs("init*");
        if (in.isEmpty()) {
            return null;
        }
        return InitialWeights.fromModel(ModelFiles.gather(in, "train", "init", files.stateDir()), cfg, null);
    }

    /** The proxy-task configuration used by {@link PretrainStep}. */
    static TrainConfig proxy(TrainParams p, int depth, int size) {
        return Pretraining.proxyConfig(p.config(depth, size), p.arm());
    }
}
