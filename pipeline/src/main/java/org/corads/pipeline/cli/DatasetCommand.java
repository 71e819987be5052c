package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.models.train.PackedDataset;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.core.Sha256;
import org.corads.steps.eval.LabelSystem;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.LesionChannel;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dataset <cohortDir> <dataset.bin>}: preprocesses every scan of a local cohort (a folder with
 * {@code manifest.csv}, as {@code synth} or {@code import} write it) into the packed training file that
 * {@code train} reads — the same computation as the study's {@code model-input}/{@code lesion-channel}/
 * {@code model-case}/{@code dataset} steps, without object storage, on the paper's grid or another
 * ({@code --spacing-mm}, as a study's {@code preprocessing.spacingMm}). Channel 1 is the lesion mask
 * {@code masks/<scan_id>-lesions.mha} when the cohort has one for every scan.
 */
@Command(name = "dataset", description = "Pack a local cohort (manifest.csv) into a training file for 'train'.")
public class DatasetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<cohortDir>", description = "A cohort folder with manifest.csv (from "
            + "synth or import).")
    Path cohort;

    @Parameters(index = "1", paramLabel = "<dataset.bin>", description = "Where the packed dataset is written.")
    Path out;

    @Option(names = "--depth", defaultValue = "128", description = "Slices per case.")
    int depth;

    @Option(names = "--size", description = "In-plane size, a divisor of the crop's width in voxels (default: that "
            + "width, 240 at 1.5 mm, 120 at 3 mm).")
    Integer size;

    @Mixin
    SpacingOption spacing;

    @Option(names = "--force", description = "Overwrite an existing <dataset.bin>.")
    boolean force;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        Path manifest = Outputs.cohortManifest(cohort);
        double grid = spacing.checked();
        int crop = ModelInputStep.Params.cropWidth(grid);
        int inPlane = size == null ? crop : size;
        if (!ModelInputStep.Params.fitsCrop(inPlane, grid) || depth < 1) {
            throw new BadInputException("--size " + inPlane + " --depth " + depth + ": size must divide "
                    + ModelInputStep.Params.cropDescription(grid) + " and depth be ≥ 1");
        }
        Outputs.refuseOverwrite(out, force);
        List<ManifestRow> rows = Manifests.read(manifest);
        boolean lesions = rows.stream().allMatch(r -> Files.isRegularFile(mask(r)));
        Preprocessor chain = ModelInputStep.Params.onGrid(depth, grid).chain();
        List<PackedDataset.Case> cases = new ArrayList<>();
        Map<String, Integer> perSplit = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (ManifestRow r : rows) {
            int grade = LabelSystem.CORADS.grade(r.label()).orElseThrow(() -> BadInputException.of(manifest,
                    "scan " + r.scanId() + " has label '" + r.label() + "'; training needs CO-RADS 1–5"));
            if (r.split() == null || r.split().isBlank()) {
                throw BadInputException.of(manifest,
                        "scan " + r.scanId() + " has no split; assign train/validation/test first");
            }
            Path scan = r.uri().startsWith("s3://") ? null : cohort.resolve(r.uri());
            if (scan == null) {
                throw BadInputException.of(manifest,
                        "lists " + r.uri() + "; 'dataset' reads local cohorts (use 'study' for s3://)");
            }
            LoadedVolume loaded = VolumeIO.read(scan);
            try {
                InputGate.defaults().admit(loaded);
            } catch (BadInputException e) {
                throw BadInputException.of(scan, e.getMessage());
            }
            Preprocessor.Result res = chain.run(loaded.volume());
            float[] ct = ModelCaseStep.pool(res.input().toFloats(), crop, depth, inPlane);
            float[] data = ct;
            if (lesions) {
                Volume l = LesionChannel.onModelGrid(VolumeIO.read(mask(r)).volume(),
                        res.resampled().geometry().spacingMm()[0], chain, res.window());
                float[] c1 = ModelCaseStep.poolMax(l.toFloats(), crop, depth, inPlane);
                data = Arrays.copyOf(ct, ct.length * 2);
                System.arraycopy(c1, 0, data, ct.length, c1.length);
            }
            cases.add(new PackedDataset.Case(r.scanId(), r.patientId(), grade, r.split(), data));
            perSplit.merge(r.split(), 1, Integer::sum);
            System.err.printf("[%d/%d] %s, %.0f s%n", cases.size(), rows.size(), r.scanId(),
                    (System.nanoTime() - t0) / 1e9);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        new PackedDataset(lesions ? 2 : 1, depth, inPlane, cases).write(out);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dataset", out.toString());
        doc.put("cases", cases.size());
        doc.put("channels", lesions ? 2 : 1);
        doc.put("shape", List.of(depth, inPlane, inPlane));
        doc.put("spacingMm", grid);
        doc.put("splits", perSplit);
        doc.put("sha256", Sha256.of(out));
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        return ExitCodes.OK;
    }

    private Path mask(ManifestRow r) {
        return cohort.resolve("masks").resolve(r.scanId() + "-lesions.mha");
    }
}
