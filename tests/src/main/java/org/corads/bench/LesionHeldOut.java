package org.corads.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.LesionOverlap;
import org.corads.models.unet.UNetSegmenter;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ResampleToSpacing;

/**
 * Held-out lesion Dice of lesion U-Nets already trained ({@code corads lesion-train}, as a study trains them) on the
 * scans of one split of a local cohort ({@code manifest.csv} and {@code masks/<id>-lesions.mha} as {@code synth}
 * writes them), each scan segmented whole as grading segments it. Usage:
 * {@code LesionHeldOut <cohortDir> <split> <maxScans> <window> <spacingMm> <modelDir>...} ({@code spacingMm}: the grid
 * the models were trained on, {@code lesion-train --spacing-mm}).
 */
public final class LesionHeldOut {

    private LesionHeldOut() {}

    public static void main(String[] args) throws Exception {
        Path cohort = Path.of(args[0]);
        String split = args[1];
        int max = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        ResampleToSpacing grid = new ResampleToSpacing(Double.parseDouble(args[4]));
        List<LesionCase> cases = new ArrayList<>();
        for (ManifestRow r : Manifests.read(cohort.resolve("manifest.csv"))) {
            if (split.equals(r.split()) && cases.size() < max) {
                cases.add(LesionCase.of(r.scanId(), VolumeIO.read(cohort.resolve(r.uri())).volume(),
                        VolumeIO.read(cohort.resolve("masks").resolve(r.scanId() + "-lesions.mha")).volume(), grid));
            }
        }
        System.out.printf(Locale.ROOT, "%d %s scans of %s%n", cases.size(), split, cohort);
        for (int m = 5; m < args.length; m++) {
            LesionOverlap overlap = new LesionOverlap();
            try (UNetSegmenter seg = UNetSegmenter.load(Path.of(args[m]), window)) {
                for (LesionCase c : cases) {
                    float[] pred = seg.segment(c.hu(), c.lungMask()).labels().toFloats();
                    for (int i = 0; i < pred.length; i++) {
                        overlap.add((int) pred[i], c.labels()[i]);
                    }
                }
            }
            double[] d = overlap.dice();
            System.out.printf(Locale.ROOT,
                    "%s: held-out Dice lesion (GGO+consolidation) %.4f, GGO %.3f," + " consolidation %.3f%n", args[m],
                    d[0], d[1], d[2]);
        }
    }
}
