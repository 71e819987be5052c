package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.corads.testkit.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset → pre-train → train (initialised from it) → preprocess → grade with an ensemble, and their refusals. */
class TrainGradeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIG = """
            arm: 3d-tiny
            threeD: true
            head: CATEGORICAL
            channels: 2
            width: 0.0625
            depth: 8
            size: 30
            seed: %d
            learningRate: 0.001
            batchSize: 2
            maxIterations: 6
            validateEvery: 3
            patience: 100
            augment: true
            """;

    @TempDir
    Path dir;

    @Test
    void trainsPretrainsAndGradesWithAnEnsemble() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(CliRun.run("2g", 300, "synth", "12", cohort.toString(), "--seed", "5", "--resolution", "FAST")
                .exitCode()).isZero();
        Path ds = dir.resolve("ds.bin");
        CliRun pack = CliRun.run("2g", 300, "dataset", cohort.toString(), ds.toString(), "--depth", "8", "--size",
                "30");
        assertThat(pack.exitCode()).as(pack.stderr()).isZero();
        JsonNode packed = JSON.readTree(pack.stdout());
        assertThat(packed.get("cases").asInt()).isEqualTo(12);
        assertThat(packed.get("channels").asInt()).isEqualTo(2);
        assertThat(packed.get("spacingMm").asDouble()).isEqualTo(1.5);
        // another grid, as a study's preprocessing.spacingMm: the same 360 mm crop in 120 voxels of 3 mm, pooled to
        // the same shape from other voxels; a size that does not divide that crop is refused before any work
        CliRun coarse = CliRun.run("2g", 300, "dataset", cohort.toString(), dir.resolve("ds3.bin").toString(),
                "--depth", "8", "--size", "30", "--spacing-mm", "3");
        assertThat(coarse.exitCode()).as(coarse.stderr()).isZero();
        JsonNode packed3 = JSON.readTree(coarse.stdout());
        assertThat(packed3.get("shape")).isEqualTo(packed.get("shape"));
        assertThat(packed3.get("spacingMm").asDouble()).isEqualTo(3.0);
        assertThat(packed3.get("sha256")).isNotEqualTo(packed.get("sha256"));
        CliRun misfit = CliRun.run("1g", 120, "dataset", cohort.toString(), dir.resolve("ds-misfit.bin").toString(),
                "--spacing-mm", "3", "--size", "240");
        assertThat(misfit.exitCode()).as(misfit.stderr()).isEqualTo(2);
        assertThat(misfit.stderrLines()).singleElement().asString()
                .contains("size must divide 120 (the 360 mm crop at 3.0 mm)");
        assertThat(dir.resolve("ds-misfit.bin")).doesNotExist();

        Path pre = Files.writeString(dir.resolve("pre.yaml"),
                CONFIG.formatted(1).replace("CATEGORICAL", "CONTINUOUS").replace("channels: 2", "channels: 1")
                        + "task: LESION_LOAD\n");
        CliRun p = CliRun.run("3g", 300, "train", pre.toString(), ds.toString(), dir.resolve("pretrained").toString());
        assertThat(p.exitCode()).as(p.stderr()).isZero();
        assertThat(JSON.readTree(p.stdout()).get("training").get("curve").get(0).has("proxyMae")).isTrue();

        for (int seed = 1; seed <= 2; seed++) {
            Path cfg = Files.writeString(dir.resolve("arm" + seed + ".yaml"), CONFIG.formatted(seed));
            CliRun t = CliRun.run("3g", 300, "train", cfg.toString(), ds.toString(), dir.resolve("m" + seed).toString(),
                    "--init", dir.resolve("pretrained").toString());
            assertThat(t.exitCode()).as(t.stderr()).isZero();
            JsonNode card = JSON.readTree(t.stdout());
            assertThat(card.get("initialisedFrom").asText()).endsWith("pretrained");
            assertThat(card.get("dataDigest").asText()).isEqualTo(packed.get("sha256").asText());
            assertThat(t.stderr()).contains("channel-mapped");
        }
        // never over an existing model
        CliRun again = CliRun.run("3g", 300, "train", dir.resolve("arm1.yaml").toString(), ds.toString(),
                dir.resolve("m1").toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderrLines()).hasSize(1);
        assertThat(again.stderr()).contains("already holds a model");

        Path scan = cohort.resolve("scans/syn-00003.mha");
        Path pp = dir.resolve("pp");
        CliRun prep = CliRun.run("2g", 120, "preprocess", scan.toString(), pp.toString(), "--depth", "8", "--lesions",
                cohort.resolve("masks/syn-00003-lesions.mha").toString());
        assertThat(prep.exitCode()).as(prep.stderr()).isZero();
        CliRun g = CliRun.run("2g", 120, "grade", pp.resolve("input.mha").toString(), "--model",
                dir.resolve("m1").toString(), "--model", dir.resolve("m2").toString(), "--lesion",
                pp.resolve("lesion.mha").toString());
        assertThat(g.exitCode()).as(g.stderr()).isZero();
        JsonNode r = JSON.readTree(g.stdout());
        assertThat(r.get("members")).hasSize(2);
        for (int k = 0; k < 5; k++) {
            double mean = (r.get("members").get(0).get("probabilities").get(k).asDouble()
                    + r.get("members").get(1).get("probabilities").get(k).asDouble()) / 2;
            assertThat(r.get("probabilities").get(k).asDouble()).isCloseTo(mean, within(1e-9));
        }
        assertThat(r.get("grade").asInt()).isBetween(1, 5);
        assertThat(r.get("warnings").toString()).doesNotContain("lesion map");

        // the CT passed as its own lesion map: graded, and said to be implausible
        CliRun ctAsLesion = CliRun.run("2g", 120, "grade", pp.resolve("input.mha").toString(), "--model",
                dir.resolve("m1").toString(), "--lesion", pp.resolve("input.mha").toString());
        assertThat(ctAsLesion.exitCode()).as(ctAsLesion.stderr()).isZero();
        JsonNode w = JSON.readTree(ctAsLesion.stdout()).get("warnings");
        assertThat(w.toString()).contains("lesion map marks").contains("is it a lesion map, not a CT?");
        assertThat(ctAsLesion.stderr()).contains("WARN").contains("lesion map marks");

        CliRun noLesion = CliRun.run("2g", 120, "grade", pp.resolve("input.mha").toString(), "--model",
                dir.resolve("m1").toString());
        assertThat(noLesion.exitCode()).isEqualTo(2);
        assertThat(noLesion.stderr()).contains("--lesion");
        Path deep = dir.resolve("deep");
        assertThat(CliRun.run("2g", 120, "preprocess", scan.toString(), deep.toString(), "--depth", "12").exitCode())
                .isZero();
        CliRun wrongDepth = CliRun.run("2g", 120, "grade", deep.resolve("input.mha").toString(), "--model",
                dir.resolve("m1").toString());
        assertThat(wrongDepth.exitCode()).isEqualTo(2);
        assertThat(wrongDepth.stderrLines()).hasSize(1);
        assertThat(wrongDepth.stderr()).contains("--depth 8");
        CliRun foreign = CliRun.run("2g", 120, "grade", pp.resolve("input.mha").toString(), "--model",
                dir.resolve("pretrained").toString());
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.stderr()).contains("pre-training");

        Path bad = Files.writeString(dir.resolve("bad.yaml"), CONFIG.formatted(1) + "colour: red\n");
        CliRun badCfg = CliRun.run("2g", 120, "train", bad.toString(), ds.toString(), dir.resolve("m9").toString());
        assertThat(badCfg.exitCode()).isEqualTo(2);
        assertThat(badCfg.stderr()).contains("bad.yaml").contains("colour");
        Path nullCfg = Files.writeString(dir.resolve("null.yaml"), "null\n");
        CliRun nullRun = CliRun.run("2g", 120, "train", nullCfg.toString(), ds.toString(),
                dir.resolve("m10").toString());
        assertThat(nullRun.exitCode()).as(nullRun.stderr()).isEqualTo(2);
        assertThat(nullRun.stderrLines()).singleElement().asString().contains("null.yaml")
                .contains("holds no training config");

        // corads.device: the cards say where a model trained (auto is the CPU here); a GPU the engine lacks is refused
        assertThat(JSON.readTree(dir.resolve("m1/model.json").toFile()).get("trainedOn").asText())
                .startsWith("cpu() on PyTorch ");
        trainingIsRefused(Map.of("CORADS_DEVICE", "gpu:7"), ds, "m7",
                "corads.device gpu:7: the PyTorch engine sees 0 GPU(s)");
        // so is a number of batches to prepare ahead that is not one
        trainingIsRefused(Map.of("CORADS_TRAIN_PREFETCH", "lots"), ds, "m8",
                "corads.train.prefetch 'lots': expected a number of batches from 0 to 64");
    }

    /** {@code train} with this environment exits 2 with one line saying {@code why}, and writes no model. */
    private void trainingIsRefused(Map<String, String> env, Path ds, String model, String why) throws Exception {
        CliRun r = CliRun.run(env, dir, "2g", 120, "train", dir.resolve("arm1.yaml").toString(), ds.toString(),
                dir.resolve(model).toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains(why);
        assertThat(dir.resolve(model).resolve("model.json")).doesNotExist();
    }
}
