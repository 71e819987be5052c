package org.corads.pipeline.steps.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.PackedDataset;
import org.corads.models.train.Pretraining;
import org.corads.models.train.TrainConfig;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.Sha256;
import org.corads.steps.core.StepFiles;
import org.corads.steps.core.Work;
import org.jboss.logging.Logger;

/**
 * {@code pretrain}: the in-pipeline pre-training stage ({@link Pretraining}): the network of one dimensionality
 * learns the lesion-load proxy task from the CT channel of {@code dataset} (train split; validation split for
 * early stopping by MAE). Its {@code model.params}/{@code model.json} initialise the "with pre-training" arms.
 * The dataset must carry the lesion channel (it defines the target); {@code head} and {@code lesionChannel}
 * of the parameters are ignored (continuous, CT only).
 */
public final class PretrainStep extends BaseStep<TrainParams> {
    private static final Logger LOG = Logger.getLogger(PretrainStep.class);

    public PretrainStep() {
        super("pretrain", 2, TrainParams.class, List.of("dataset"), List.of("model.params", "model.json"));
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
        PackedDataset data = TrainStep.requireTwo(PackedDataset.read(files.input("dataset")), files.input("dataset"));
        TrainConfig cfg = TrainStep.proxy(p, data.depth(), data.size());
        Path model = files.output("model.json").getParent().resolve("model");
        new ClassifierTrainer(cfg).train(Pretraining.proxySamples(data.samples("train")),
                Pretraining.proxySamples(data.samples("validation")), model, files.stateDir().resolve("checkpoint"),
                LOG::info, null, Sha256.of(files.input("dataset")));
        Files.move(model.resolve("model.params"), files.output("model.params"));
        Files.move(model.resolve("model.json"), files.output("model.json"));
    }
}
