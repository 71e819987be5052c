package org.corads.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.datasets.synth.SyntheticScan;
import org.corads.models.Head;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.Sample;
import org.corads.models.train.TrainConfig;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.preprocess.CropToLungs;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.preprocess.ResampleToSpacing;
import org.corads.steps.preprocess.SampleSlices;
import org.corads.steps.volume.Volume;

/**
 * Trains a small classifier on a synthetic cohort within an iteration budget and prints the validation curve.
 * Inputs: the SPEC §2 chain with 32 slices, 240 × 240 crop averaged 4× in-plane to 60 × 60; channel 1 the
 * ground-truth lesion mask through the same crop. Usage:
 * {@code ClassifierQualityRun <scans> <iterations> <3d|2d> <workDir> [seed] [learningRate]}.
 */
public final class ClassifierQualityRun {

    private ClassifierQualityRun() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        boolean threeD = args[2].equals("3d");
        Path work = Path.of(args[3]);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        float lr = args.length > 5 ? Float.parseFloat(args[5]) : 1e-4f;
        long t0 = System.nanoTime();
        SyntheticCohort cohort = new SyntheticCohort(n, 2026,
                SynthConfig.DEFAULT.withResolution(SynthConfig.Resolution.FAST));
        Preprocessor chain = new Preprocessor(ResampleToSpacing.PAPER, ClassicalLungSegmenter.DEFAULT,
                CropToLungs.PAPER, new SampleSlices(32), ClipAndNormalise.PAPER);
        List<ManifestRow> rows = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticScan s = cohort.scan(i);
            Preprocessor.Result r = chain.run(s.ct());
            Volume lesion = chain.channelLike(new ResampleToSpacing(1.5).apply(toFloat(s.lesions())), r.window());
            float[] ct = pool4(r.input().toFloats(), 240, 32);
            float[] les = pool4(binary(lesion.toFloats()), 240, 32);
            float[] both = new float[ct.length * 2];
            System.arraycopy(ct, 0, both, 0, ct.length);
            System.arraycopy(les, 0, both, ct.length, les.length);
            samples.add(new Sample(s.scanId(), both, s.label()));
            rows.add(new ManifestRow(s.scanId(), s.patientId(), "", Integer.toString(s.label()), "CORADS", "", null,
                    ""));
        }
        List<ManifestRow> split = Splits.standard(seed).assign(rows);
        List<Sample> train = new ArrayList<>();
        List<Sample> val = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (split.get(i).split().equals("train") ? train : val).add(samples.get(i));
        }
        System.out.printf(Locale.ROOT, "prepared %d scans (%d train, %d validation+test) in %.0f s%n", n, train.size(),
                val.size(), (System.nanoTime() - t0) / 1e9);
        TrainConfig cfg = new TrainConfig(threeD ? "3d-small" : "2d-small", threeD, Head.CONTINUOUS, 2,
                threeD ? 0.25f : 0.125f, 32, 60, seed, lr, 2, iterations, 100, 1500, true);
        Files.createDirectories(work);
        ClassifierTrainer.State s = new ClassifierTrainer(cfg).train(train, val,
                work.resolve("model-" + cfg.arm() + "-" + seed), work.resolve("ckpt-" + cfg.arm() + "-" + seed),
                System.out::println);
        System.out.printf(Locale.ROOT, "done: best validation QWK %.3f at iteration %d; total %.0f s%n", s.bestScore(),
                s.bestIteration(), (System.nanoTime() - t0) / 1e9);
        s.curve().stream().filter(p -> p.iteration() == s.bestIteration()).findFirst()
                .ifPresent(p -> System.out.printf(Locale.ROOT, "at best: QWK %.3f, AUC %.3f%n", p.qwk(), p.auc()));
    }

    static Volume toFloat(Volume mask) {
        return Volume.adoptFloats(mask.geometry(), mask.toFloats());
    }

    static float[] binary(float[] v) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] >= 0.5f ? 1 : 0;
        }
        return o;
    }

    /** Averages 4 × 4 in-plane blocks: width × width × depth → (width/4)² × depth. */
    static float[] pool4(float[] v, int width, int depth) {
        int w = width / 4;
        float[] o = new float[w * w * depth];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < width; y++) {
                for (int x = 0; x < width; x++) {
                    o[(z * w + y / 4) * w + x / 4] += v[(z * width + y) * width + x] / 16f;
                }
            }
        }
        return o;
    }
}
