package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.corads.models.unet.VoxelwiseSavedModel;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.lesions.LesionSegmentationStep;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.StepSpec;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.volume.Volume;
import org.corads.testkit.CliRun;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lesion segmentation end to end: a U-Net trained by {@code lesion-train} segments the real chest CT through
 * {@code segment} (the full-size model-input path); a TensorFlow SavedModel runs through the cached
 * {@code lesion-segmentation} step and matches the graph evaluated directly; bad models are refused.
 */
class LesionPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUNetTrainedHereSegmentsTheRealChestCtOnTheFullSizeInputPath() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(CliRun.run("2g", 300, "synth", "8", cohort.toString(), "--seed", "3", "--resolution", "FAST")
                .exitCode()).isZero();
        CliRun train = CliRun.run("4g", 600, "lesion-train", cohort.toString(), dir.resolve("unet").toString(),
                "--iterations", "20", "--train-scans", "3", "--levels", "2", "--patch", "16");
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        JsonNode card = JSON.readTree(train.stdout());
        assertThat(card.get("architecture").asText()).isEqualTo("unet3d");
        assertThat(card.get("curve")).hasSize(10);

        Path ct = SharedData.ct("chest-ct-01.nii.gz");
        CliRun seg = CliRun.run("4g", 600, "segment", ct.toString(), dir.resolve("seg").toString(), "--model",
                dir.resolve("unet").toString(), "--window", "64", "--overlap", "0");
        assertThat(seg.exitCode()).as(seg.stderr()).isZero();
        JsonNode les = JSON.readTree(seg.stdout());
        // a U-Net of 20 iterations is no lesion model: said in the result (its validation Dice, or what it marks)
        assertThat(les.get("warnings").toString()).containsAnyOf("validation Dice", "of lung as lesion");
        assertThat(les.get("lesionMl").asDouble()).isGreaterThanOrEqualTo(0)
                .isLessThan(les.get("lungVolumeMl").asDouble());
        assertThat(les.get("lungVolumeMl").asDouble()).isBetween(5000.0, 6000.0);
        CliRun prep = CliRun.run("3g", 300, "preprocess", ct.toString(), dir.resolve("prep").toString());
        assertThat(prep.exitCode()).isZero();
        Volume input = VolumeIO.read(dir.resolve("prep/input.mha")).volume();
        Volume channel1 = VolumeIO.read(dir.resolve("seg/lesion.mha")).volume();
        assertThat(channel1.geometry()).isEqualTo(input.geometry());
        assertThat(channel1.geometry().size()).containsExactly(240, 240, 128);
        Volume labels = VolumeIO.read(dir.resolve("seg/lesion-labels.mha")).volume();
        Volume resampled = VolumeIO.read(dir.resolve("prep/resampled.mha")).volume();
        assertThat(labels.geometry()).isEqualTo(resampled.geometry());

        CliRun both = CliRun.run("2g", 120, "segment", ct.toString(), dir.resolve("x").toString(), "--model", "a",
                "--saved-model", "b");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderrLines()).hasSize(1);
        CliRun notUnet = CliRun.run("2g", 120, "segment", ct.toString(), dir.resolve("y").toString(), "--model",
                cohort.toString());
        assertThat(notUnet.exitCode()).isEqualTo(2);
        assertThat(notUnet.stderr()).contains("not a lesion model folder");
        CliRun grid = CliRun.run("1g", 60, "lesion-train", cohort.toString(), dir.resolve("unet2").toString(),
                "--spacing-mm", "9");
        assertThat(grid.exitCode()).isEqualTo(2);
        assertThat(grid.stderrLines()).singleElement().asString().contains("--spacing-mm must be 0.5–6 mm, got 9.0");
        assertThat(dir.resolve("unet2")).doesNotExist();
    }

    @Test
    void aSavedModelRunsThroughTheCachedStepAndMatchesTheGraph() throws Exception {
        Engine.getEngine("TensorFlow");
        Path sm = dir.resolve("sm");
        export(sm, -1, -1, -1, -1, 1);
        Path zip = zip(sm, dir.resolve("sm.zip"));
        Path bad = dir.resolve("bad");
        export(bad, -1, -1, -1, 1);

        ObjectStore store = S3TestServer.freshStore("savedmodel");
        String work = store.config().buckets().scans();
        Path small = SharedData.ct("chest-ct-01-small.nii.gz");
        CliRun prep = CliRun.run("2g", 120, "preprocess", small.toString(), dir.resolve("prep").toString());
        assertThat(prep.exitCode()).as(prep.stderr()).isZero();
        Map<String, StepSpec.InputRef> in = Map.of("resampled",
                put(store, work, "resampled.mha", dir.resolve("prep/resampled.mha")), "lung-mask",
                put(store, work, "lung-mask.mha", dir.resolve("prep/lung-mask.mha")), "model/savedmodel",
                put(store, work, "sm.zip", zip));
        StepSpec spec = new StepSpec("lesion-segmentation", new LesionSegmentationStep().version(),
                JSON.valueToTree(Map.of("window", 32)), in);
        InProcessStepExecutor ex = new InProcessStepExecutor(new StepCache(() -> store), StepRegistry.standard(),
                dir.resolve("scratch"));
        StepOutcome o = ex.execute(spec);
        assertThat(o.status()).as(o.error()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(ex.execute(spec).status()).isEqualTo(StepOutcome.Status.CacheHit);

        Path prob = dir.resolve("prob.mha");
        store.getFile(S3Uri.parse(o.outputs().get("lesion-prob.mha").uri()), prob,
                o.outputs().get("lesion-prob.mha").sha256());
        Volume resampled = VolumeIO.read(dir.resolve("prep/resampled.mha")).volume();
        Volume lung = VolumeIO.read(dir.resolve("prep/lung-mask.mha")).volume();
        float[] got = VolumeIO.read(prob).volume().toFloats();
        float[] norm = ClipAndNormalise.PAPER.apply(resampled).toFloats();
        int[] n = resampled.geometry().size();
        float[] ref = direct(sm, norm, n);
        float[] lm = lung.toFloats();
        int inside = 0;
        for (int i = 0; i < got.length; i++) {
            float want = lm[i] > 0 ? ref[3 * i + 1] + ref[3 * i + 2] : 0;
            assertThat(got[i]).isCloseTo(want, within(1e-4f));
            inside += lm[i] > 0 ? 1 : 0;
        }
        assertThat(inside).isPositive();
        JsonNode doc = JSON.readTree(store.getBytes(S3Uri.parse(o.outputs().get("lesions.json").uri())));
        assertThat(doc.get("lesionMl").asDouble()).isPositive();

        // a SavedModel with a rank-4 input: the step fails as bad input, naming the expected signature
        StepSpec wrong = new StepSpec("lesion-segmentation", new LesionSegmentationStep().version(),
                JSON.valueToTree(Map.of("window", 32)),
                Map.of("resampled", in.get("resampled"), "lung-mask", in.get("lung-mask"), "model/savedmodel",
                        put(store, work, "bad.zip", zip(bad, dir.resolve("bad.zip")))));
        StepOutcome w = ex.execute(wrong);
        assertThat(w.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(w.badInput()).isTrue();
        assertThat(w.error()).contains("[batch, depth, height, width, 1]");
    }

    private static StepSpec.InputRef put(ObjectStore store, String bucket, String key, Path f) {
        S3Uri u = new S3Uri(bucket, key);
        return new StepSpec.InputRef(u.toString(), store.putFile(u, f, "application/octet-stream"));
    }

    static void export(Path out, long... shape) throws Exception {
        VoxelwiseSavedModel.export(out, shape);
    }

    static float[] direct(Path sm, float[] ct, int[] n) {
        return VoxelwiseSavedModel.evaluate(sm, ct, n[0], n[1], n[2]);
    }

    static Path zip(Path folder, Path zip) throws Exception {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry("model/" + folder.relativize(f)));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        return zip;
    }
}
