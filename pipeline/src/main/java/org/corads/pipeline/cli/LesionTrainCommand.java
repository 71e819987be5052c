package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.LesionModelCard;
import org.corads.models.unet.LesionTrainer;
import org.corads.models.unet.Norm;
import org.corads.models.unet.UNetConfig;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ResampleToSpacing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lesion-train <cohortDir> <modelDir>}: trains the lesion U-Net on a local cohort's ground-truth masks
 * ({@code masks/<scan_id>-lesions.mha}): up to {@code --train-scans} scans of the train split train, up to 8 of
 * the validation split validate. Cases are cropped to their lungs for training. Prints the model card.
 */
@Command(name = "lesion-train", description = "Train the lesion U-Net on a cohort's ground-truth lesion masks.")
public class LesionTrainCommand implements Callable<Integer> {
    /** Validation scans used at most (patches from them select the best iteration). */
    static final int MAX_VALIDATION = 8;

    @Parameters(index = "0", paramLabel = "<cohortDir>", description = "A cohort folder with manifest.csv and "
            + "lesion masks.")
    Path cohort;

    @Parameters(index = "1", paramLabel = "<modelDir>", description = "Where model.json and model.params are written.")
    Path modelDir;

    @Option(names = "--iterations", defaultValue = "1000", description = "Training iterations.")
    int iterations;

    @Option(names = "--levels", defaultValue = "3", description = "U-Net levels.")
    int levels;

    @Option(names = "--base-width", defaultValue = "8", description = "Filters at the top level.")
    int baseWidth;

    @Option(names = "--patch", defaultValue = "32", description = "Training patch side in voxels.")
    int patch;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate.")
    float learningRate;

    @Option(names = "--train-scans", defaultValue = "30", description = "At most this many training-split scans "
            + "train the model.")
    int trainScans;

    @Option(names = "--seed", defaultValue = "1", description = "Training seed.")
    long seed;

    @Mixin
    SpacingOption spacing;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        Path manifest = Outputs.cohortManifest(cohort);
        if (Files.exists(modelDir.resolve("model.json"))) {
            throw BadInputException.of(modelDir, "already holds a model; choose another model directory");
        }
        ResampleToSpacing grid = new ResampleToSpacing(spacing.checked());
        LesionTrainer.Config cfg;
        try {
            cfg = new LesionTrainer.Config(new UNetConfig(levels, baseWidth, Norm.BATCH), patch, 2, learningRate,
                    iterations, Math.max(1, iterations / 10), 0.6, seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("lesion-train: " + e.getMessage());
        }
        List<LesionCase> train = new ArrayList<>();
        List<LesionCase> val = new ArrayList<>();
        for (ManifestRow r : Manifests.read(manifest)) {
            boolean isVal = "validation".equals(r.split()) && val.size() < MAX_VALIDATION;
            if (!isVal && !("train".equals(r.split()) && train.size() < trainScans)) {
                continue;
            }
            Path mask = cohort.resolve("masks").resolve(r.scanId() + "-lesions.mha");
            if (!Files.isRegularFile(mask)) {
                throw BadInputException.of(mask,
                        "is missing; lesion-train needs a ground-truth mask for every training scan");
            }
            LesionCase c = LesionCase
                    .of(r.scanId(), VolumeIO.read(cohort.resolve(r.uri())).volume(), VolumeIO.read(mask).volume(), grid)
                    .cropped(patch / 2);
            (isVal ? val : train).add(c);
            System.err.printf("prepared %s (%s)%n", r.scanId(), r.split());
        }
        if (train.isEmpty() || val.isEmpty()) {
            throw BadInputException.of(manifest, "needs scans in both the train and the validation split");
        }
        LesionModelCard card = new LesionTrainer(cfg).train(train, val, modelDir, Sha256.of(manifest),
                System.err::println);
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(card));
        return ExitCodes.OK;
    }
}
