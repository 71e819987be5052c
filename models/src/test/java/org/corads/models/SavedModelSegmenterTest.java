package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.corads.models.unet.SavedModelSegmenter;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.VoxelwiseSavedModel;
import org.corads.steps.io.BadInputException;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small SavedModel built and exported with the TensorFlow Java API ({@code VoxelwiseSavedModel}), run through
 * {@link SavedModelSegmenter} on DJL's TensorFlow engine and checked against the
 * same graph evaluated directly; wrong signatures are refused naming the expected one.
 */
class SavedModelSegmenterTest {
    @TempDir
    static Path dir;

    static Path good;
    static Path rank4;

    @BeforeAll
    static void export() throws Exception {
        Engine.getEngine("TensorFlow"); // loads the natives for the TF Java API too
        good = dir.resolve("good");
        rank4 = dir.resolve("rank4");
        build(good, -1, -1, -1, -1, 1);
        build(rank4, -1, -1, -1, 1);
    }

    static void build(Path out, long... shape) throws Exception {
        VoxelwiseSavedModel.export(out, shape);
    }

    static float[] direct(float[] ct, int nx, int ny, int nz) {
        return VoxelwiseSavedModel.evaluate(good, ct, nx, ny, nz);
    }

    @Test
    void theSavedModelThroughTheSegmenterEqualsTheGraphEvaluatedDirectly() throws Exception {
        int nx = 20;
        int ny = 18;
        int nz = 22;
        Geometry geo = new Geometry(new int[]{nx, ny, nz}, new double[]{1.5, 1.5, 1.5}, new double[]{-10, 5, 30},
                new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1});
        float[] hu = new float[nx * ny * nz];
        byte[] lung = new byte[hu.length];
        Random r = new Random(4);
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (float) (-1000 + 1100 * r.nextDouble());
            int x = i % nx;
            lung[i] = (byte) (x >= 2 && x < 18 ? 1 : 0);
        }
        Volume ct = Volume.adoptFloats(geo, hu);
        Volume lungMask = Volume.adoptBytes(geo, lung);
        Segmentation s;
        try (SavedModelSegmenter seg = SavedModelSegmenter.load(good, 8)) {
            assertThat(seg.window()).isEqualTo(8);
            s = seg.segment(ct, lungMask);
        }
        assertThat(s.probability().geometry()).isEqualTo(geo);
        assertThat(s.labels().geometry()).isEqualTo(geo);
        float[] norm = ClipAndNormalise.PAPER.apply(ct).toFloats();
        float[] ref = direct(norm, nx, ny, nz);
        float[] prob = s.probability().toFloats();
        float[] lab = s.labels().toFloats();
        int[] counts = new int[3];
        for (int i = 0; i < hu.length; i++) {
            if (lung[i] == 0) {
                assertThat(prob[i]).isZero();
                assertThat(lab[i]).isZero();
                continue;
            }
            float p0 = ref[3 * i];
            float p1 = ref[3 * i + 1];
            float p2 = ref[3 * i + 2];
            assertThat(prob[i]).isCloseTo(p1 + p2, within(1e-4f));
            int want = p0 >= p1 && p0 >= p2 ? 0 : p1 >= p2 ? 1 : 2;
            assertThat((int) lab[i]).isEqualTo(want);
            counts[want]++;
        }
        assertThat(Arrays.stream(counts).min().orElse(0)).isGreaterThan(100); // every class occurs
        assertThat(s.ggoMl()).isCloseTo(counts[1] * 1.5 * 1.5 * 1.5 / 1000, within(1e-9));
    }

    @Test
    void aWrongSignatureOrAMissingModelIsRefusedNamingTheExpectedSignature() {
        assertThatThrownBy(() -> SavedModelSegmenter.load(rank4, 8)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("rank4").hasMessageContaining("[batch, depth, height, width, 1]");
        Path empty = dir.resolve("empty");
        assertThatThrownBy(() -> {
            Files.createDirectories(empty);
            SavedModelSegmenter.load(empty, 8);
        }).isInstanceOf(BadInputException.class).hasMessageContaining("no saved_model.pb")
                .hasMessageContaining("serving_default");
    }
}
