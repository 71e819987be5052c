package org.corads.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.datasets.synth.SyntheticScan;
import org.corads.models.Head;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.ClassifierTrainer;
import org.corads.models.train.Ensemble;
import org.corads.models.train.Sample;
import org.corads.models.train.TrainConfig;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.LesionTrainer;
import org.corads.models.unet.Norm;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.UNetConfig;
import org.corads.models.unet.UNetSegmenter;
import org.corads.steps.io.FileTrees;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.CropToLungs;
import org.corads.steps.preprocess.LesionChannel;
import org.corads.steps.preprocess.ModelInput;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.preprocess.SampleSlices;
import org.corads.steps.volume.Volume;

/**
 * The method end to end at full size on the configured device ({@code corads.device}, default {@code auto}: the
 * GPU when the engine sees one), for the GPU machine: synthetic FULL-resolution scans preprocessed as SPEC §2 says
 * (1.5 mm, lung crop 240 × 240, 128 slices) with their lesion maps as channel 1; a lesion U-Net trained on them; the
 * full I3D (width 1, 12.3 M parameters) trained through the real data path (class-balanced draws, augmentation,
 * batches prepared ahead, Adam, validation) for the given iterations, with its loss curve and the time the paper's
 * schedule would take; then one scan segmented and graded by those two models on that device and on the CPU, with
 * how far the two agree. Prints one line per result. Usage:
 * {@code FullSizeRun <scan> <cases> <iterations> <lesionIterations> [width depth size window]}.
 */
public final class FullSizeRun {
    private static final int[] PAPER_ITERATIONS = {21_100, 30_000};

    private FullSizeRun() {}

    private record Prepared(Sample sample, LesionCase lesions) {}

    public static void main(String[] args) throws Exception {
        Path scan = Path.of(args[0]);
        int cases = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        int lesionIterations = Integer.parseInt(args[3]);
        float width = args.length > 4 ? Float.parseFloat(args[4]) : 1f;
        int depth = args.length > 5 ? Integer.parseInt(args[5]) : 128;
        int size = args.length > 6 ? Integer.parseInt(args[6]) : 240;
        int window = args.length > 7 ? Integer.parseInt(args[7]) : 64;
        if (cases < 4) {
            throw new IllegalArgumentException("at least 4 cases: 3 to train on, 1 to validate");
        }
        Path work = Files.createTempDirectory("full-size-run");
        try {
            run(scan, cases, iterations, lesionIterations, width, depth, size, window, work);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static void run(Path scan, int cases, int iterations, int lesionIterations, float width, int depth,
            int size, int window, Path work) throws Exception {
        String device = DeviceSetting.describe(DeviceSetting.current());
        Preprocessor p = Preprocessor.PAPER;
        Preprocessor chain = new Preprocessor(p.resample(), p.segmenter(), new CropToLungs(p.crop().marginMm(), size),
                new SampleSlices(depth), p.normalise());
        int patch = 32;
        long t0 = System.nanoTime();
        SyntheticCohort cohort = new SyntheticCohort(cases, 2026, SynthConfig.DEFAULT);
        int lesionScans = Math.min(cases, 6);
        List<Prepared> prepared = IntStream.range(0, cases).parallel()
                .mapToObj(i -> prepare(cohort.scan(i), chain, i < lesionScans, patch)).toList();
        System.out.printf(Locale.ROOT,
                "prepared %d synthetic FULL-resolution scans (2 x %d x %d x %d each) in %.0f s" + " on %d cores%n",
                cases, depth, size, size, seconds(t0), Runtime.getRuntime().availableProcessors());

        int nVal = Math.max(1, cases / 5);
        List<Sample> train = new ArrayList<>();
        List<Sample> val = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            (i < cases - nVal ? train : val).add(prepared.get(i).sample());
        }
        List<LesionCase> lesionTrain = new ArrayList<>();
        List<LesionCase> lesionVal = new ArrayList<>();
        for (int i = 0; i < lesionScans; i++) {
            (i < lesionScans - 1 ? lesionTrain : lesionVal).add(prepared.get(i).lesions());
        }

        Path lesionModel = work.resolve("lesion-model");
        long t1 = System.nanoTime();
        new LesionTrainer(new LesionTrainer.Config(new UNetConfig(3, 8, Norm.BATCH), patch, 2, 1e-3f, lesionIterations,
                Math.max(1, lesionIterations / 5), 0.6, 1)).train(lesionTrain, lesionVal, lesionModel,
                        "synthetic FULL n=" + lesionScans, line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "lesion U-Net on %s: %d iterations (batch 2, patch %d^3) in %.1f s%n", device,
                lesionIterations, patch, seconds(t1));

        TrainConfig cfg = new TrainConfig("full-size", true, Head.CONTINUOUS, 2, width, depth, size, 1, 1e-4f, 2,
                iterations, Math.max(1, iterations / 10), iterations, true);
        Path model = work.resolve("i3d");
        long t2 = System.nanoTime();
        ClassifierTrainer.State s = new ClassifierTrainer(cfg).train(train, val, model, work.resolve("checkpoints"),
                line -> System.out.println("  " + line));
        double perIteration = seconds(t2) / iterations;
        System.out.printf(Locale.ROOT,
                "I3D width %s on %s: %d iterations on %d training scans in %.0f s: %.3f s per"
                        + " iteration (data path, validation on %d scans and checkpoints included)%n",
                width, device, iterations, train.size(), seconds(t2), perIteration, val.size());
        for (ClassifierTrainer.Point pt : s.curve()) {
            System.out.printf(Locale.ROOT, "  iteration %d: mean training loss %.4f, validation QWK %s%n",
                    pt.iteration(), pt.trainLoss(), pt.qwk());
        }
        for (int n : PAPER_ITERATIONS) {
            System.out.printf(Locale.ROOT, "the paper's schedule, %d iterations: %.1f h per model at this pace%n", n,
                    n * perIteration / 3600);
        }

        Volume hu = VolumeIO.read(scan).volume();
        Preprocessor.Result r = chain.run(hu);
        Graded gpu = gradeOn(null, r, chain, lesionModel, model, window);
        Graded cpu = gradeOn("cpu", r, chain, lesionModel, model, window);
        System.out.printf(Locale.ROOT,
                "%s on %s: segmentation %.1f s (lesion %.1f ml), grading %.2f s (grade %d," + " score %.5f)%n",
                scan.getFileName(), gpu.device(), gpu.segmentSeconds(), gpu.lesionMl(), gpu.gradeSeconds(), gpu.grade(),
                gpu.score());
        System.out.printf(Locale.ROOT,
                "%s on %s: segmentation %.1f s (lesion %.1f ml), grading %.2f s (grade %d," + " score %.5f)%n",
                scan.getFileName(), cpu.device(), cpu.segmentSeconds(), cpu.lesionMl(), cpu.gradeSeconds(), cpu.grade(),
                cpu.score());
        float[] a = gpu.labels();
        float[] b = cpu.labels();
        long differ = IntStream.range(0, a.length).filter(i -> a[i] != b[i]).count();
        System.out.printf(Locale.ROOT,
                "agreement %s vs %s: lesion labels differ in %d of %d voxels (%.5f %%);"
                        + " score differs by %.2e; grade %s%n",
                gpu.device(), cpu.device(), differ, a.length, 100.0 * differ / a.length,
                Math.abs(gpu.score() - cpu.score()), gpu.grade() == cpu.grade() ? "the same" : "differs");
    }

    private record Graded(String device, float[] labels, double lesionMl, double segmentSeconds, int grade,
            double score, double gradeSeconds) {}

    /** Segments and grades the scan on {@code device} ({@code null}: as configured), through the models' folders. */
    private static Graded gradeOn(String device, Preprocessor.Result r, Preprocessor chain, Path lesionModel,
            Path model, int window) throws Exception {
        String before = System.getProperty(DeviceSetting.PROPERTY);
        if (device != null) {
            System.setProperty(DeviceSetting.PROPERTY, device);
        }
        try {
            String where = DeviceSetting.describe(DeviceSetting.current());
            long t0 = System.nanoTime();
            Segmentation seg;
            try (UNetSegmenter u = UNetSegmenter.load(lesionModel, window)) {
                seg = u.segment(r.resampled(), r.lungs().mask());
            }
            double segSeconds = seconds(t0);
            Volume channel = LesionChannel.onModelGrid(seg.labels(), r.resampled().geometry().spacingMm()[0], chain,
                    r.window());
            float[] data = ModelInput.assemble(List.of(r.input(), channel)).data();
            long t1 = System.nanoTime();
            try (NDManager nd = NDManager.newBaseManager(DeviceSetting.current());
                    Ensemble e = new Ensemble(List.of(model), nd)) {
                Ensemble.Result g = e.grade(data);
                return new Graded(where, seg.labels().toFloats(), seg.lesionMl(), segSeconds, g.grade(), g.score(),
                        seconds(t1));
            }
        } finally {
            if (before == null) {
                System.clearProperty(DeviceSetting.PROPERTY);
            } else {
                System.setProperty(DeviceSetting.PROPERTY, before);
            }
        }
    }

    private static Prepared prepare(SyntheticScan s, Preprocessor chain, boolean lesions, int patch) {
        Preprocessor.Result r = chain.run(s.ct());
        Volume channel = LesionChannel.onModelGrid(s.lesions(), r.resampled().geometry().spacingMm()[0], chain,
                r.window());
        Sample sample = new Sample(s.scanId(), ModelInput.assemble(List.of(r.input(), channel)).data(), s.label());
        LesionCase c = lesions ? LesionCase.of(s.scanId(), s.ct(), s.lesions()).cropped(patch / 2) : null;
        return new Prepared(sample, c);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
