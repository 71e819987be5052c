package org.corads.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.datasets.synth.SyntheticScan;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.LesionOverlap;
import org.corads.models.unet.LesionTrainer;
import org.corads.models.unet.Norm;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.UNetConfig;
import org.corads.models.unet.UNetSegmenter;

/**
 * Trains the lesion U-Net on a synthetic cohort (FAST resolution, resampled to 1.5 mm) and reports, on held-out
 * scans segmented whole by sliding window, the Dice of GGO + consolidation combined and per class, the lesion
 * volumes against the truth, and the inference time per volume. Usage:
 * {@code LesionQualityRun <trainScans> <testScans> <iterations> <workDir>
 * [seed] [levels] [baseWidth] [patch] [window] [batch|none]} (the last: the U-Net's normalisation, batch by default).
 */
public final class LesionQualityRun {

    private LesionQualityRun() {}

    public static void main(String[] args) throws Exception {
        int nTrain = Integer.parseInt(args[0]);
        int nTest = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        int levels = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int base = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        int patch = args.length > 7 ? Integer.parseInt(args[7]) : 32;
        int window = args.length > 8 ? Integer.parseInt(args[8]) : 64;
        Norm norm = args.length > 9 ? Norm.valueOf(args[9].toUpperCase(Locale.ROOT)) : Norm.BATCH;
        long t0 = System.nanoTime();
        SyntheticCohort cohort = new SyntheticCohort(nTrain + nTest, 77,
                SynthConfig.DEFAULT.withResolution(SynthConfig.Resolution.FAST));
        List<LesionCase> train = new ArrayList<>();
        List<LesionCase> val = new ArrayList<>();
        List<LesionCase> test = new ArrayList<>();
        for (int i = 0; i < nTrain + nTest; i++) {
            SyntheticScan s = cohort.scan(i);
            LesionCase c = LesionCase.of(s.scanId(), s.ct(), s.lesions());
            // training and validation cases are cropped to their lungs (memory); test cases stay whole
            (i >= nTrain ? test : i % 5 == 4 ? val : train).add(i >= nTrain ? c : c.cropped(patch / 2));
        }
        System.out.printf(Locale.ROOT, "prepared %d train, %d validation, %d test scans in %.0f s%n", train.size(),
                val.size(), test.size(), (System.nanoTime() - t0) / 1e9);
        LesionTrainer.Config cfg = new LesionTrainer.Config(new UNetConfig(levels, base, norm), patch, 2, 1e-3f,
                iterations, Math.max(1, iterations / 20), 0.6, seed);
        long t1 = System.nanoTime();
        Path model = work.resolve("lesion-model-" + seed + "-" + System.currentTimeMillis());
        new LesionTrainer(cfg).train(train, val, model, "synthetic n=" + (nTrain + nTest) + " seed 77",
                System.out::println);
        System.out.printf(Locale.ROOT, "training: %.0f s%n", (System.nanoTime() - t1) / 1e9);
        LesionOverlap overlap = new LesionOverlap();
        double secs = 0;
        try (UNetSegmenter seg = UNetSegmenter.load(model, window)) {
            for (LesionCase c : test) {
                long s0 = System.nanoTime();
                Segmentation s = seg.segment(c.hu(), c.lungMask());
                double sec = (System.nanoTime() - s0) / 1e9;
                secs += sec;
                float[] pred = s.labels().toFloats();
                double truthMl = 0;
                double ml = c.hu().geometry().spacingMm()[0] * c.hu().geometry().spacingMm()[1]
                        * c.hu().geometry().spacingMm()[2] / 1000;
                for (int i = 0; i < pred.length; i++) {
                    int a = (int) pred[i];
                    int b = c.labels()[i];
                    truthMl += b > 0 ? ml : 0;
                    overlap.add(a, b);
                }
                System.out.printf(Locale.ROOT,
                        "%s %s: lesion %.1f ml (truth %.1f ml), GGO %.1f ml, consolidation %.1f ml, %.1f s%n", c.id(),
                        Arrays.toString(c.size()), s.lesionMl(), truthMl, s.ggoMl(), s.consolidationMl(), sec);
            }
        }
        double[] d = overlap.dice();
        System.out.printf(Locale.ROOT,
                "held-out Dice: lesion (GGO+consolidation) %.3f, GGO %.3f, consolidation %.3f;"
                        + " inference %.1f s per volume; total %.0f s%n",
                d[0], d[1], d[2], secs / test.size(), (System.nanoTime() - t0) / 1e9);
    }
}
