package org.corads.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.report.Montage;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2 on the real chest CT. Reference facts (shared/data/README.md, numpy/scipy): 333 × 333 × 188 after
 * resampling; about 5.0–5.6 L of lung; mean HU inside about −775; lungs reach both end slices.
 */
class PreprocessRealCtTest {
    static Volume hu;
    static Preprocessor.Result r;

    @BeforeAll
    static void run() {
        hu = VolumeIO.read(
                Path.of(System.getProperty("corads.shared.dir", "../../shared"), "data", "ct", "chest-ct-01.nii.gz"))
                .volume();
        r = Preprocessor.PAPER.run(hu);
        System.out.printf("lung %.0f ml, mean %.1f HU, airway %.1f ml, components %d, box %s, window %s, timings %s%n",
                r.lungs().volumeMl(), r.lungs().meanHu(), r.lungs().tracheaMl(), r.lungs().components(),
                Arrays.toString(r.lungs().boundingBox()), r.window(), r.timingsMs());
    }

    @Test
    void resampledGridIsTheReferenceOne() {
        assertThat(r.resampled().geometry().size()).containsExactly(333, 333, 188);
        assertThat(r.resampled().geometry().spacingMm()).containsExactly(1.5, 1.5, 1.5);
        assertThat(r.resampled().geometry().originMm()).containsExactly(hu.geometry().originMm());
    }

    @Test
    void lungVolumeAndDensityArePlausible() {
        assertThat(r.lungs().volumeMl()).isBetween(4800.0, 5800.0);
        assertThat(r.lungs().meanHu()).isBetween(-820.0, -730.0);
        assertThat(r.lungs().tracheaMl()).isGreaterThan(5.0);
    }

    @Test
    void theTracheaIsNotInTheMaskInTheTopSlices() {
        Volume m = r.lungs().mask();
        int nz = m.geometry().nz();
        int midX = (r.lungs().boundingBox()[0] + r.lungs().boundingBox()[1]) / 2;
        // the top 20 slices (30 mm): no mask voxel within 12 mm of the midline
        for (int z = nz - 20; z < nz; z++) {
            for (int y = 0; y < m.geometry().ny(); y++) {
                for (int x = midX - 8; x <= midX + 8; x++) {
                    assertThat(m.get(x, y, z)).as("mask at %d,%d,%d", x, y, z).isZero();
                }
            }
        }
    }

    @Test
    void cropKeepsTheSlicesTheTenMillimetreRuleSays() {
        int[] box = r.lungs().boundingBox();
        // the lung base reaches the first slice; above the apex, slices 1.5, 3 … 9 mm away are kept, 10.5 mm dropped
        assertThat(box[4]).isZero();
        assertThat(box[5]).isBetween(150, 180);
        assertThat(r.window().zFirst()).isZero();
        assertThat(r.window().zLast()).isEqualTo(box[5] + 6);
        assertThat((r.window().zLast() - box[5]) * 1.5).isLessThan(10);
        assertThat((r.window().zLast() + 1 - box[5]) * 1.5).isGreaterThanOrEqualTo(10);
        assertThat(r.window().x0()).isEqualTo((box[0] + box[1] + 1) / 2 - 120);
    }

    /**
     * SPEC §2 clips before it resamples: the model input is the clipped CT resampled (exactly: clipping while
     * resampling equals resampling a clipped copy), which differs from clipping the resampled HU where interpolation
     * meets a clipped value — bone edges and the padding outside the field of view.
     */
    @Test
    void theModelInputIsClippedBeforeItIsResampled() {
        ClipAndNormalise clip = ClipAndNormalise.PAPER;
        Volume clippedFirst = ResampleToSpacing.PAPER.apply(hu, clip.huMin(), clip.huMax());
        short[] src = new short[(int) hu.voxelCount()];
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) Math.max(clip.huMin(), Math.min(clip.huMax(), hu.get(i)));
        }
        Volume copy = ResampleToSpacing.PAPER.apply(Volume.adoptShorts(hu.geometry(), src));
        int[] diff = new int[(int) clippedFirst.voxelCount()];
        int differing = 0;
        for (int i = 0; i < diff.length; i++) {
            assertThat(clippedFirst.get(i)).isEqualTo(copy.get(i));
            double after = Math.max(clip.huMin(), Math.min(clip.huMax(), r.resampled().get(i)));
            diff[i] = (int) Math.abs(clippedFirst.get(i) - after);
            differing += diff[i] > 0 ? 1 : 0;
        }
        Arrays.sort(diff);
        int p999 = diff[(int) (0.999 * (diff.length - 1))];
        System.out.printf(
                "clip before vs after resampling: %d of %d voxels differ, 99.9th percentile %d HU, max %d HU%n",
                differing, diff.length, p999, diff[diff.length - 1]);
        assertThat(differing).isPositive();
        assertThat(diff[diff.length - 1]).isGreaterThan(10);
        // the chain resamples only the voxels its crop samples, with the values of the whole clipped volume
        Volume whole = Preprocessor.PAPER.modelInput(clippedFirst, r.window());
        assertThat(r.input().geometry()).isEqualTo(whole.geometry());
        assertThat(Arrays.equals(r.input().toFloats(), whole.toFloats())).isTrue();
    }

    @Test
    void modelInputIs240By240By128InTheUnitInterval() throws Exception {
        Volume in = r.input();
        assertThat(in.geometry().size()).containsExactly(240, 240, 128);
        double min = 1;
        double max = 0;
        for (int i = 0; i < in.voxelCount(); i++) {
            min = Math.min(min, in.get(i));
            max = Math.max(max, in.get(i));
        }
        assertThat(min).isGreaterThanOrEqualTo(0);
        assertThat(max).isLessThanOrEqualTo(1).isGreaterThan(0.9);
        Path out = Path.of("target", "montage");
        Files.createDirectories(out);
        Volume m = r.lungs().mask();
        Montage.write(r.resampled(), m, m.geometry().nz() / 2,
                (r.lungs().boundingBox()[2] + r.lungs().boundingBox()[3]) / 2, out.resolve("chest-ct-01-lungs.png"));
        Montage.write(r.resampled(), m, m.geometry().nz() - 3,
                (r.lungs().boundingBox()[2] + r.lungs().boundingBox()[3]) / 2, out.resolve("chest-ct-01-top.png"));
        assertThat(out.resolve("chest-ct-01-lungs.png")).isNotEmptyFile();
    }
}
