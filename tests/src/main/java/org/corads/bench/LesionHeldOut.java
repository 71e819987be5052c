package org.corads.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.models.unet.LesionCase;
import org.corads.models.unet.Segmentation;
import org.corads.models.unet.UNetSegmenter;
import org.corads.steps.io.VolumeIO;

/**
 * Held-out lesion Dice of lesion U-Nets already trained ({@code corads lesion-train}, as a study trains them) on the
 * scans of one split of a local cohort ({@code manifest.csv} and {@code masks/<id>-lesions.mha} as {@code synth}
 * writes them), each scan segmented whole as grading segments it. Usage:
 * {@code LesionHeldOut <cohortDir> <split> <maxScans> <window> <modelDir>...}.
 */
public final class LesionHeldOut {

    private LesionHeldOut() {}

    public static void main(String[] args) throws Exception {
        Path cohort = Path.of(args[0]);
        String split = args[1];
        int max = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        List<LesionCase> cases = new ArrayList<>();
        for (ManifestRow r : Manifests.read(cohort.resolve("manifest.csv"))) {
            if (split.equals(r.split()) && cases.size() < max) {
                cases.add(LesionCase.of(r.scanId(), VolumeIO.read(cohort.resolve(r.uri())).volume(),
                        VolumeIO.read(cohort.resolve("masks").resolve(r.scanId() + "-lesions.mha")).volume()));
            }
        }
        System.out.printf(Locale.ROOT, "%d %s scans of %s%n", cases.size(), split, cohort);
        for (int m = 4; m < args.length; m++) {
            long[] inter = new long[3];
            long[] sum = new long[3];
            try (UNetSegmenter seg = UNetSegmenter.load(Path.of(args[m]), window)) {
                for (LesionCase c : cases) {
                    Segmentation s = seg.segment(c.hu(), c.lungMask());
                    float[] pred = s.labels().toFloats();
                    for (int i = 0; i < pred.length; i++) {
                        int a = (int) pred[i];
                        int b = c.labels()[i];
                        for (int k = 0; k < 3; k++) {
                            boolean pa = k == 0 ? a > 0 : a == k;
                            boolean pb = k == 0 ? b > 0 : b == k;
                            inter[k] += pa && pb ? 1 : 0;
                            sum[k] += (pa ? 1 : 0) + (pb ? 1 : 0);
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT,
                    "%s: held-out Dice lesion (GGO+consolidation) %.4f, GGO %.3f," + " consolidation %.3f%n", args[m],
                    dice(inter[0], sum[0]), dice(inter[1], sum[1]), dice(inter[2], sum[2]));
        }
    }

    private static double dice(long inter, long sum) {
        return 2.0 * inter / Math.max(1, sum);
    }
}
