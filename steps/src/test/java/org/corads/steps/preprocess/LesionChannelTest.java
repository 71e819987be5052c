package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.corads.steps.io.Volumes;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lesion channel interpolates only the voxels the model grid keeps, and the crop copies rows: both give exactly
 * the values of the plain definitions (the whole map resampled, binarised, cropped voxel by voxel, sampled).
 */
class LesionChannelTest {

    /**
     * An anisotropic scan grid (0.8 × 0.8 × 3 mm) with a few label blobs, labels 1 and 2; odd seeds invert it (lesion
     * everywhere but the blobs), so that every edge of the crop window matters.
     */
    private static Volume labels(long seed) {
        Geometry g = new Geometry(new int[]{70, 60, 24}, new double[]{0.8, 0.8, 3.0}, new double[]{-20, 10, 40},
                Geometry.IDENTITY);
        byte[] b = new byte[70 * 60 * 24];
        SplittableRandom r = new SplittableRandom(seed);
        for (int blob = 0; blob < 6; blob++) {
            int cx = r.nextInt(70);
            int cy = r.nextInt(60);
            int cz = r.nextInt(24);
            int rad = 2 + r.nextInt(9);
            byte label = (byte) (1 + r.nextInt(2));
            for (int z = 0; z < 24; z++) {
                for (int y = 0; y < 60; y++) {
                    for (int x = 0; x < 70; x++) {
                        double d = Math.hypot(Math.hypot(x - cx, y - cy), (z - cz) * 3.0 / 0.8);
                        if (d <= rad) {
                            b[(z * 60 + y) * 70 + x] = label;
                        }
                    }
                }
            }
        }
        if (seed % 2 == 1) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (b[i] == 0 ? 2 : 0);
            }
        }
        return Volume.adoptBytes(g, b);
    }

    /** The definition: the whole map binarised, resampled, binarised at 0.5, cropped voxel by voxel, sampled. */
    private static Volume reference(Volume lesions, double spacing, Preprocessor chain, CropToLungs.Window w) {
        float[] v = lesions.toFloats();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] > 0 ? 1 : 0;
        }
        Volume onGrid = new ResampleToSpacing(spacing).apply(Volume.adoptFloats(lesions.geometry(), v));
        float[] b = onGrid.toFloats();
        for (int i = 0; i < b.length; i++) {
            b[i] = b[i] >= 0.5f ? 1 : 0;
        }
        return chain.sample()
                .apply(cropVoxelByVoxel(Volume.adoptFloats(onGrid.geometry(), b), w, chain.crop().width(), 0));
    }

    private static Volume cropVoxelByVoxel(Volume in, CropToLungs.Window w, int width, double pad) {
        Geometry g = in.geometry();
        float[] out = new float[width * width * w.keptSlices()];
        for (int z = 0; z < w.keptSlices(); z++) {
            for (int y = 0; y < width; y++) {
                for (int x = 0; x < width; x++) {
                    int xi = w.x0() + x;
                    int yi = w.y0() + y;
                    boolean inside = xi >= 0 && xi < g.nx() && yi >= 0 && yi < g.ny();
                    out[(z * width + y) * width + x] = inside ? (float) in.get(xi, yi, w.zFirst() + z) : (float) pad;
                }
            }
        }
        return Volume.adoptFloats(new Geometry(new int[]{width, width, w.keptSlices()}, g.spacingMm(),
                g.indexToPhysical(w.x0(), w.y0(), w.zFirst()), g.direction()), out);
    }

    @ParameterizedTest
    @CsvSource({
            // x0, y0, zFirst, zLast, width, depth: inside, over the left and lower edges, wider than the grid
            "4, 3, 2, 30, 24, 8", "-7, -5, 0, 47, 32, 16", "10, 12, 5, 9, 40, 6", "-20, -20, 0, 47, 80, 4"})
    void onlyTheKeptVoxelsAreInterpolatedWithTheSameValues(int x0, int y0, int z0, int z1, int width, int depth) {
        Preprocessor chain = new Preprocessor(ResampleToSpacing.PAPER, ClassicalLungSegmenter.DEFAULT,
                new CropToLungs(10, width), new SampleSlices(depth), ClipAndNormalise.PAPER);
        CropToLungs.Window w = new CropToLungs.Window(x0, y0, z0, z1);
        for (long seed = 1; seed <= 4; seed++) {
            Volume lesions = labels(seed);
            Volume fast = LesionChannel.onModelGrid(lesions, 1.5, chain, w);
            Volume ref = reference(lesions, 1.5, chain, w);
            assertThat(fast.sameVoxelsAndGeometry(ref)).as("seed " + seed).isTrue();
            assertThat(ref.toFloats()).as("the blobs reach the model grid").contains(1f, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void theCropCopiesRowsWithTheValuesOfTheVoxels(VoxelType type) {
        Volume in = Volumes.random(type, 11, Geometry.of(23, 17, 9, 1.5, 1.5, 1.5));
        for (CropToLungs.Window w : new CropToLungs.Window[]{new CropToLungs.Window(-5, -3, 1, 7),
                new CropToLungs.Window(20, 15, 0, 8), new CropToLungs.Window(-40, -40, 4, 4),
                new CropToLungs.Window(3, 2, 2, 5)}) {
            Volume fast = new CropToLungs(10, 12).apply(in, w, -1100);
            assertThat(fast.sameVoxelsAndGeometry(cropVoxelByVoxel(in, w, 12, -1100))).as(w.toString()).isTrue();
        }
    }

    @Test
    void aMapWithoutLesionsGivesAnEmptyChannel() {
        Volume none = Volume.adoptBytes(labels(2).geometry(), new byte[70 * 60 * 24]);
        Preprocessor chain = new Preprocessor(ResampleToSpacing.PAPER, ClassicalLungSegmenter.DEFAULT,
                new CropToLungs(10, 24), new SampleSlices(8), ClipAndNormalise.PAPER);
        Volume c = LesionChannel.onModelGrid(none, 1.5, chain, new CropToLungs.Window(2, 2, 0, 40));
        assertThat(c.geometry().size()).containsExactly(24, 24, 8);
        assertThat(c.toFloats()).containsOnly(0f);
    }
}
