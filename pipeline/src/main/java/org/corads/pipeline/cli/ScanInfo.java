package org.corads.pipeline.cli;

import java.util.List;
import org.corads.steps.gate.GateResult;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.VolumeStats;

/**
 * The JSON document of {@code info} and {@code check} (SPEC §8). Spacing, origin and direction are rounded
 * to 6 decimals (sub-micrometre), removing float32 noise from formats that store single precision.
 */
public record ScanInfo(String format, int[] size, double[] spacingMm, double[] originMm, double[] direction,
        String voxelType, String modality, double huMin, double huMax, double huMean, Gate gate,
        List<String> warnings) {

    /** The input gate's verdict. */
    public record Gate(boolean passed, List<String> problems) {}

    public static ScanInfo of(LoadedVolume in, GateResult gate) {
        Geometry g = in.volume().geometry();
        VolumeStats s = gate.stats();
        return new ScanInfo(in.format(), g.size(), round(g.spacingMm()), round(g.originMm()), round(g.direction()),
                in.volume().type().name(), in.modality().orElse(null), s.min(), s.max(), round(s.mean()),
                new Gate(gate.passed(), gate.problems()), in.warnings());
    }

    private static double[] round(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = round(a[i]);
        }
        return r;
    }

    private static double round(double x) {
        double r = Math.round(x * 1e6) / 1e6;
        return r == 0 ? 0 : r;
    }
}
