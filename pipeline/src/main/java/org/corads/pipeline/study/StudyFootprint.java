package org.corads.pipeline.study;

import org.corads.datasets.synth.SynthConfig;

/**
 * What a study will ask of the machine that runs it, estimated from its definition before anything runs: models
 * trained, the largest training budget, memory at its peak and disk for scans, intermediates and models. The
 * figures are deliberately generous upper bounds (a clinical scan is taken as 512 × 512 × 300 voxels), for
 * admission, not for planning capacity to the byte.
 *
 * @param scans         scans in the dataset (−1 when a manifest's size is not known yet)
 * @param models        networks trained: every seed of every arm
 * @param maxIterations the largest iteration budget of any training (classifier, pre-training, lesion U-Net)
 * @param maxWidth      the largest width multiplier
 * @param memoryBytes   peak memory of an in-process run
 * @param diskBytes     storage for the cohort, every intermediate and every model
 */
public record StudyFootprint(int scans, int models, int maxIterations, double maxWidth, long memoryBytes,
        long diskBytes) {

    /** Voxels of a scan as generated ({@code FAST}) or as a clinical CT ({@code FULL}, or a user's own scans). */
    static long scanVoxels(SynthConfig.Resolution r) {
        return r == SynthConfig.Resolution.FAST ? 2_000_000L : 512L * 512 * 300;
    }

    /** Parameters of the full-width networks (SPEC §4): I3D 12.3 M, COVNet (ResNet-50) 23.6 M. */
    static final long I3D_PARAMS = 12_300_000L;
    static final long COVNET_PARAMS = 23_600_000L;
    /** Voxels of a scan resampled to 1.5 mm (350 mm field of view, 300 mm long). */
    static final long RESAMPLED_VOXELS = 233L * 233 * 200;
    /** Activation memory per input value of a training batch (measured order of magnitude for I3D, with margin). */
    static final int ACTIVATIONS_PER_INPUT = 40;
    /** Bytes of bookkeeping per planned step in the server (plan, outcomes, run document). */
    static final int BYTES_PER_STEP = 8 * 1024;

    /** Voxels of a scan resampled to a spacing. */
    static long resampledVoxels(double spacingMm) {
        double f = 1.5 / spacingMm;
        return (long) Math.ceil(RESAMPLED_VOXELS * f * f * f);
    }

    /** The footprint of a resolved study; a manifest study counts {@code manifestScans} clinical scans. */
    public static StudyFootprint of(StudyDefinition s, int manifestScans) {
        StudyDefinition.Synthetic syn = s.dataset().synthetic();
        int scans = syn != null ? syn.scans() : manifestScans;
        long voxels = scanVoxels(syn != null ? syn.resolution() : SynthConfig.Resolution.FULL);
        StudyDefinition.Preprocessing p = s.preprocessing();
        StudyDefinition.Training t = s.training();
        long input = 2L * p.depth() * p.size() * p.size();
        int models = 0;
        long largestParams = 0;
        for (StudyDefinition.Arm a : s.arms()) {
            models += a.seeds();
            float w = a.threeD() ? t.width3d() : t.width2d();
            largestParams = Math.max(largestParams, (long) ((a.threeD() ? I3D_PARAMS : COVNET_PARAMS) * w * w));
        }
        int iterations = Math.max(t.iterations(), t.pretrainIterations());
        if (s.needsLesions() && s.dataset().lesionMaps() == LesionMaps.MODEL) {
            iterations = Math.max(iterations, s.lesionModel().iterations());
        }
        double width = Math.max(t.width3d(), t.width2d());
        long perScanWork = voxels * 4 * 6;
        long training = (long) t.batchSize() * input * 4 * ACTIVATIONS_PER_INPUT + largestParams * 4 * 4;
        long steps = (long) Math.max(scans, 0) * 8 + models * 4L + 16;
        long memory = Math.max(perScanWork, training) * Math.max(1, s.concurrency()) + steps * BYTES_PER_STEP;
        long perScanDisk = voxels * 2 * 2 + resampledVoxels(p.spacingMm()) * 4 * 3 + input * 4 * 2;
        long disk = (long) Math.max(scans, 0) * perScanDisk + models * largestParams * 4 * 2;
        return new StudyFootprint(scans, models, iterations, width, memory, disk);
    }
}
