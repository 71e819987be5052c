package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corads.models.unet.DiceCeLoss;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.LesionModelCard;
import org.corads.models.unet.LesionTrainer;
import org.corads.models.unet.Norm;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.SlidingWindow;
import org.corads.models.unet.UNet3d;
import org.corads.models.unet.UNetConfig;
import org.corads.models.unet.UNetSegmenter;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 3D U-Net, its loss, sliding-window blending, and a tiny training run through to segmentation. */
class LesionUNetTest {
    @TempDir
    Path dir;

    @Test
    void theNetworkMapsEveryVoxelToThreeClassesAndRefusesBadSizes() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet3d net = new UNet3d(new UNetConfig(3, 4, Norm.BATCH));
            net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 16, 16, 16));
            NDArray y = net.forward(new ParameterStore(m, false),
                    new NDList(m.randomUniform(0, 1, new Shape(2, 1, 16, 8, 12))), false).singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 3, 16, 8, 12));
            assertThatThrownBy(() -> net.forward(new ParameterStore(m, false),
                    new NDList(m.zeros(new Shape(1, 1, 10, 8, 8))), false)).hasMessageContaining("multiples of 4");
        }
    }

    @Test
    void diceCeIsSmallForACorrectConfidentPredictionAndLargeForAWrongOne() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] labels = {0, 1, 2, 1, 0, 0, 2, 1};
            float[] good = new float[3 * 8];
            float[] bad = new float[3 * 8];
            for (int i = 0; i < 8; i++) {
                good[(int) labels[i] * 8 + i] = 20;
                bad[((int) labels[i] + 1) % 3 * 8 + i] = 20;
            }
            NDList l = new NDList(m.create(labels, new Shape(1, 2, 2, 2)));
            double g = new DiceCeLoss().evaluate(l, new NDList(m.create(good, new Shape(1, 3, 2, 2, 2)))).getFloat();
            double b = new DiceCeLoss().evaluate(l, new NDList(m.create(bad, new Shape(1, 3, 2, 2, 2)))).getFloat();
            assertThat(g).isLessThan(0.05);
            assertThat(b).isGreaterThan(15); // CE ≈ 20 per voxel plus Dice ≈ 1
        }
    }

    @Test
    void slidingWindowBlendsToTheVoxelwiseAnswerAndLeavesTheOutsideOfTheLungsEmpty() {
        int nx = 23;
        int ny = 17;
        int nz = 13;
        Geometry g = new Geometry(new int[]{nx, ny, nz}, new double[]{1.5, 1.5, 1.5}, new double[]{0, 0, 0},
                new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1});
        float[] v = new float[nx * ny * nz];
        byte[] lung = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37 % 101) / 100f;
            lung[i] = (byte) (i % nx > 3 ? 1 : 0);
        }
        List<int[]> fixedSizes = new ArrayList<>();
        List<int[]> fittedSizes = new ArrayList<>();
        List<SlidingWindow> windows = List.of(new SlidingWindow(8, SlidingWindow.DEFAULT_OVERLAP),
                SlidingWindow.fitted(16, 0, 4));
        for (SlidingWindow sw : windows) {
            List<int[]> sizes = sw == windows.get(0) ? fixedSizes : fittedSizes;
            Segmentation s = sw.run(Volume.adoptFloats(g, v), Volume.adoptBytes(g, lung), (patch, size) -> {
                sizes.add(size);
                assertThat(patch).hasSize(size[0] * size[1] * size[2]);
                float[] p = new float[3 * patch.length];
                for (int i = 0; i < patch.length; i++) { // a voxel-wise "network": class by brightness
                    p[i] = 1 - patch[i];
                    p[patch.length + i] = patch[i] * 0.6f;
                    p[2 * patch.length + i] = patch[i] * 0.4f;
                }
                return p;
            });
            float[] prob = s.probability().toFloats();
            float[] lab = s.labels().toFloats();
            for (int i = 0; i < v.length; i++) {
                if (lung[i] == 0) {
                    assertThat(prob[i]).isZero();
                } else {
                    assertThat(prob[i]).isCloseTo(v[i], within(1e-5f));
                    int want = 1 - v[i] >= v[i] * 0.6f ? 0 : 1;
                    assertThat((int) lab[i]).isEqualTo(want);
                }
            }
            assertThat(s.probability().geometry()).isEqualTo(g);
            assertThat(s.consolidationMl()).isZero();
        }
        assertThat(fixedSizes).hasSize(3 * 3 * 2).allSatisfy(sz -> assertThat(sz).containsExactly(8, 8, 8));
        // the lungs' box is 19 × 17 × 13 voxels: x and y need two windows of at most 16, each 12 (the multiple of 4
        // that covers half the box); z fits one, 16 (13 rounded up to the multiple of 4, padded past the volume)
        assertThat(fittedSizes).hasSize(2 * 2).allSatisfy(sz -> assertThat(sz).containsExactly(12, 12, 16));
    }

    @Test
    void aTinyTrainingRunWritesACardAndTheModelSegmentsAVolume() throws Exception {
        LesionCase c = blobCase(1);
        LesionTrainer.Config cfg = new LesionTrainer.Config(new UNetConfig(2, 4, Norm.BATCH), 16, 2, 1e-3f, 6, 3, 0.6,
                3);
        LesionModelCard card = new LesionTrainer(cfg).train(List.of(c), List.of(blobCase(2)), dir.resolve("m"),
                "digest", s -> {});
        assertThat(card.curve()).hasSize(2);
        assertThat(card.dataDigest()).isEqualTo("digest");
        assertThat(card.bestValDice()).isBetween(0.0, 1.0);
        assertThatThrownBy(() -> new LesionTrainer(cfg).train(List.of(c), List.of(c), dir.resolve("m"), "d", s -> {}))
                .hasMessageContaining("already holds a model");
        LesionModelCard again = new LesionTrainer(cfg).train(List.of(c), List.of(blobCase(2)), dir.resolve("m2"),
                "digest", s -> {});
        assertThat(again.curve()).isEqualTo(card.curve()); // same seed, same curve
        try (UNetSegmenter seg = UNetSegmenter.load(dir.resolve("m"), 16)) {
            Segmentation s = seg.segment(c.hu(), c.lungMask());
            assertThat(s.labels().geometry()).isEqualTo(c.hu().geometry());
            assertThat(s.lesionMl()).isGreaterThanOrEqualTo(0);
        }
    }

    /** A 32³ "chest" at 1.5 mm: lung (−850 HU) with a GGO blob (−500 HU) and a consolidation blob (+30 HU). */
    static LesionCase blobCase(int seed) {
        int n = 32;
        Geometry g = new Geometry(new int[]{n, n, n}, new double[]{1.5, 1.5, 1.5}, new double[]{0, 0, 0},
                new double[]{1, 0, 0, 0, 1, 0, 0, 0, 1});
        short[] hu = new short[n * n * n];
        byte[] lab = new byte[hu.length];
        byte[] lungMask = new byte[hu.length];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = (z * n + y) * n + x;
                    boolean body = x > 2 && x < 29 && y > 2 && y < 29;
                    boolean lung = x > 5 && x < 26 && y > 5 && y < 26 && z > 3 && z < 28;
                    hu[i] = (short) (lung ? -850 : body ? 40 : -1000);
                    lungMask[i] = (byte) (lung ? 1 : 0);
                    double d1 = Math.hypot(Math.hypot(x - 11 - seed, y - 12), z - 14);
                    double d2 = Math.hypot(Math.hypot(x - 20, y - 19 + seed), z - 18);
                    if (lung && d1 < 4) {
                        hu[i] = -500;
                        lab[i] = 1;
                    } else if (lung && d2 < 3) {
                        hu[i] = 30;
                        lab[i] = 2;
                    }
                }
            }
        }
        return LesionCase.onGrid("blob" + seed, Volume.adoptShorts(g, hu), Volume.adoptBytes(g, lab),
                Volume.adoptBytes(g, lungMask));
    }
}
