package org.corads.pipeline.steps.lesions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.LesionTrainer;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.Sha256;
import org.corads.steps.core.StepFiles;
import org.corads.steps.core.Work;
import org.corads.steps.io.VolumeIO;
import org.jboss.logging.Logger;

/**
 * {@code lesion-train}: trains the lesion U-Net (SPEC §3) on ground-truth lesion masks. Inputs per scan:
 * {@code resampled/<id>} (1.5 mm HU), {@code lung/<id>} (lung mask) and {@code lesions/<id>} (labels on the
 * scan's original grid); the scans named in {@code validationIds} validate, the rest train. Outputs the best
 * {@code model.params} and {@code model.json}.
 */
public final class LesionTrainStep extends BaseStep<LesionTrainStep.Params> {
    private static final Logger LOG = Logger.getLogger(LesionTrainStep.class);

    /** @param training the trainer's configuration; @param validationIds scans held out for validation */
    public record Params(LesionTrainer.Config training, List<String> validationIds) {}

    public LesionTrainStep() {
        super("lesion-train", 3, Params.class, List.of("resampled*", "lung*", "lesions*"),
                List.of("model.params", "model.json"));
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    /** Work for time estimates: iterations × batch × patch voxels. */
    @Override
    public Work work(Params p) {
        LesionTrainer.Config c = p.training();
        return new Work(name(), (double) c.iterations() * c.batchSize() * c.patch() * c.patch() * c.patch());
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Map<String, Path> hu = files.inputs("resampled*");
        Map<String, Path> lung = files.inputs("lung*");
        Map<String, Path> les = files.inputs("lesions*");
        if (hu.isEmpty() || !hu.keySet().equals(lung.keySet()) || !hu.keySet().equals(les.keySet())) {
            throw new InvalidSpecException(
                    "lesion-train needs resampled/<id>, lung/<id> and lesions/<id> for the same scans");
        }
        List<LesionCase> train = new ArrayList<>();
        List<LesionCase> val = new ArrayList<>();
        for (String id : hu.keySet()) {
            LesionCase c = LesionCase.fromResampled(id, VolumeIO.read(hu.get(id)).volume(),
                    VolumeIO.read(lung.get(id)).volume(), VolumeIO.read(les.get(id)).volume())
                    .cropped(p.training().patch() / 2);
            (p.validationIds().contains(id) ? val : train).add(c);
        }
        Path model = files.output("model.json").getParent().resolve("model");
        StringBuilder digest = new StringBuilder();
        for (String id : hu.keySet()) {
            digest.append(id).append(Sha256.of(les.get(id)));
        }
        new LesionTrainer(p.training()).train(train, val, model, Sha256.of(digest.toString()), LOG::info);
        Files.move(model.resolve("model.params"), files.output("model.params"));
        Files.move(model.resolve("model.json"), files.output("model.json"));
    }
}
