package org.corads.datasets.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corads.steps.eval.Auc;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.LungMask;
import org.corads.steps.preprocess.ResampleToSpacing;
import org.corads.steps.report.Montage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class SyntheticCohortTest {
    static final SynthConfig FAST = SynthConfig.DEFAULT.withResolution(SynthConfig.Resolution.FAST);

    @Test
    void scansAreDeterministicPerSeed() {
        SyntheticScan a = new SyntheticCohort(6, 11, FAST).scan(3);
        SyntheticScan b = new SyntheticCohort(6, 11, FAST).scan(3);
        assertThat(a.ct().sameVoxelsAndGeometry(b.ct())).isTrue();
        assertThat(a.lesions().sameVoxels(b.lesions())).isTrue();
        assertThat(new SyntheticCohort(6, 12, FAST).scan(3).ct().sameVoxels(a.ct())).isFalse();
    }

    @Test
    void fullResolutionScansHaveScannerLikeGridsAndPassTheGate() {
        SyntheticCohort c = new SyntheticCohort(3, 5, SynthConfig.DEFAULT);
        for (int i = 0; i < 3; i++) {
            SyntheticScan s = c.scan(i);
            double[] sp = s.ct().geometry().spacingMm();
            assertThat(sp[0]).isBetween(0.6, 0.9);
            assertThat(sp[2]).isBetween(0.5, 5.0);
            assertThat(s.ct().geometry().nx()).isEqualTo(512);
            assertThat(InputGate.defaults().check(new LoadedVolume(s.ct(), "synthetic")).passed()).isTrue();
        }
    }

    @Test
    void lungsAreFoundOnAtLeast98Of100ScansThatPassTheGate() {
        lungsFound(new SyntheticCohort(100, 2026, FAST));
    }

    /** The same at scanner resolution: about 3 minutes, so only with {@code -Dcorads.quality=true}. */
    @Test
    @EnabledIfSystemProperty(named = "corads.quality", matches = "true")
    void lungsAreFoundOnAtLeast98Of100FullResolutionScans() {
        lungsFound(new SyntheticCohort(100, 2026, SynthConfig.DEFAULT));
    }

    static void lungsFound(SyntheticCohort c) {
        List<Double> volumes = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < c.n(); i++) {
            SyntheticScan s = c.scan(i);
            assertThat(InputGate.defaults().check(new LoadedVolume(s.ct(), "synthetic")).passed()).as(s.scanId())
                    .isTrue();
            try {
                LungMask m = ClassicalLungSegmenter.DEFAULT.segment(ResampleToSpacing.PAPER.apply(s.ct()));
                volumes.add(m.volumeMl());
                found++;
            } catch (BadInputException e) {
                System.out.println(s.scanId() + ": " + e.getMessage());
            }
        }
        double[] v = volumes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(
                "lungs found on %d of 100; lung volume ml: min %.0f, p10 %.0f, median %.0f, p90 %.0f, max %.0f%n",
                found, v[0], v[v.length / 10], v[v.length / 2], v[v.length * 9 / 10], v[v.length - 1]);
        assertThat(found).isGreaterThanOrEqualTo(98);
        assertThat(v[v.length / 2]).isBetween(2500.0, 7000.0);
    }

    @Test
    void lesionBurdenPredictsTheLabelWellButNotPerfectlyAndNotAtAllWithoutSignal() {
        double withSignal = baselineAuc(new SyntheticCohort(200, 7, FAST));
        double noSignal = baselineAuc(
                new SyntheticCohort(200, 7, new SynthConfig(SynthConfig.Resolution.FAST, 0.5, true)));
        System.out.printf("baseline AUC of ground-truth lesion volume: default %.3f, no-signal %.3f%n", withSignal,
                noSignal);
        assertThat(withSignal).isBetween(0.80, 0.97);
        assertThat(noSignal).isBetween(0.40, 0.60);
    }

    static double baselineAuc(SyntheticCohort c) {
        double[] score = new double[c.n()];
        boolean[] pos = new boolean[c.n()];
        for (int i = 0; i < c.n(); i++) {
            SyntheticScan s = c.scan(i);
            score[i] = s.lesionMl();
            pos[i] = s.label() >= 3;
        }
        return Auc.compute(score, pos);
    }

    @Test
    void aMontageOfEveryGradeIsWritten() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "montage"));
        SyntheticCohort c = new SyntheticCohort(5, 3, SynthConfig.DEFAULT);
        for (int i = 0; i < 5; i++) {
            SyntheticScan s = c.scan(i);
            int z = lesionSlice(s);
            Path png = dir.resolve("synth-grade-" + s.label() + ".png");
            Montage.write(s.ct(), s.lesions(), z, s.ct().geometry().ny() / 2, png);
            assertThat(png).isNotEmptyFile();
        }
    }

    /** The axial slice with the most lesion voxels (the middle slice when there are none). */
    static int lesionSlice(SyntheticScan s) {
        int nz = s.ct().geometry().nz();
        int plane = s.ct().geometry().nx() * s.ct().geometry().ny();
        long[] count = new long[nz];
        for (int i = 0; i < s.lesions().voxelCount(); i++) {
            if (s.lesions().get(i) > 0) {
                count[i / plane]++;
            }
        }
        int best = nz / 2;
        for (int z = 0; z < nz; z++) {
            if (count[z] > count[best]) {
                best = z;
            }
        }
        return Arrays.stream(count).sum() == 0 ? nz / 2 : best;
    }
}
