package org.corads.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Splits;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * A deterministic synthetic CO-RADS cohort: scan {@code i} of a cohort with seed {@code s} is the same on every
 * machine and in any order of generation. Grades are balanced (scan i has label {@code 1 + i mod 5} before
 * noise); about 15 % of patients have a second scan (same body and grade, new scan parameters and lesions).
 *
 * @param n      number of scans
 * @param seed   cohort seed
 * @param config resolution, difficulty, no-signal control
 */
public record SyntheticCohort(int n, long seed, SynthConfig config) {

    /** Plan of one scan, cheap to compute for all scans up front. */
    record Plan(String scanId, String patientId, long bodySeed, long scanSeed, int label, int imageGrade) {}

    public SyntheticCohort {
        if (n < 1) {
            throw new IllegalArgumentException("n must be ≥ 1");
        }
    }

    List<Plan> plans() {
        List<Plan> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        int patient = 0;
        while (out.size() < n) {
            long bodySeed = r.nextLong();
            int grade = 1 + out.size() % 5;
            int scans = r.nextDouble() < 0.15 && out.size() + 1 < n ? 2 : 1;
            String pid = String.format("synp-%05d", patient++);
            for (int k = 0; k < scans; k++) {
                int imageGrade = grade;
                int label = grade;
                if (config.noSignal()) {
                    imageGrade = 1 + r.nextInt(5);
                } else if (r.nextDouble() < 0.4 * config.difficulty()) {
                    imageGrade = Math.max(1, Math.min(5, grade + (r.nextBoolean() ? 1 : -1)));
                }
                out.add(new Plan(String.format("syn-%05d", out.size()), pid, bodySeed, r.nextLong(), label,
                        imageGrade));
            }
        }
        return out;
    }

    /**
     * The cohort's manifest rows before anything is rendered — ids, patients, labels and the splits that
     * {@link CohortWriter} assigns with the same {@code splits}; no slice thickness, no digest: what the checks before
     * a study need.
     */
    public List<ManifestRow> plannedRows(Splits splits) {
        List<ManifestRow> rows = new ArrayList<>();
        for (Plan p : plans()) {
            rows.add(new ManifestRow(p.scanId(), p.patientId(), "scans/" + p.scanId() + ".mha",
                    Integer.toString(p.label()), "CORADS", "", null, null));
        }
        return splits.assign(rows);
    }

    /** Generates scan {@code i} (0-based). */
    public SyntheticScan scan(int i) {
        Plan p = plans().get(i);
        Anatomy a = Anatomy.random(new SplittableRandom(p.bodySeed()));
        SplittableRandom r = new SplittableRandom(p.scanSeed());
        Geometry g = grid(a, r);
        List<Blob> blobs = LesionPlanner.plan(p.imageGrade(), a, r);
        ChestPhantom.Rendered img = ChestPhantom.render(a, blobs, g, r.nextLong());
        return new SyntheticScan(p.scanId(), p.patientId(), p.label(), p.imageGrade(), g.spacing(2), img.ct(),
                img.lesions(), lesionMl(img.lesions()));
    }

    private Geometry grid(Anatomy a, SplittableRandom r) {
        SynthConfig.Resolution res = config.resolution();
        int matrix = res == SynthConfig.Resolution.FULL ? 512 : 128;
        double spacing = Anatomy.uniform(r, res.inPlaneMin, res.inPlaneMax);
        spacing = Math.max(spacing, (2 * a.bodyA() + 30) / matrix);
        double[] thick = res == SynthConfig.Resolution.FULL
                ? new double[]{0.5, 0.625, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 5.0}
                : new double[]{2.0, 2.5, 3.0, 4.0, 5.0};
        double dz = thick[r.nextInt(thick.length)];
        int nz = (int) Math.ceil((a.zMax() - a.zMin()) / dz);
        double fov = matrix * spacing;
        return new Geometry(new int[]{matrix, matrix, nz}, new double[]{spacing, spacing, dz},
                new double[]{-fov / 2, -fov / 2, a.zMin()}, Geometry.IDENTITY);
    }

    static double lesionMl(Volume mask) {
        long n = 0;
        for (int i = 0; i < mask.voxelCount(); i++) {
            if (mask.get(i) > 0) {
                n++;
            }
        }
        double[] s = mask.geometry().spacingMm();
        return n * s[0] * s[1] * s[2] / 1000.0;
    }
}
