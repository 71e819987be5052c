package org.corads.steps.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.VolumeStats;

/**
 * The input gate of SPEC §1, run before any work on a scan: modality CT where known, at least
 * {@code minSlices} slices, finite values, plausible HU (air present: 1st percentile below
 * {@code maxP01Hu}), and even slice spacing where the source records slice positions. The memory budget
 * is enforced earlier, by the readers, before they allocate.
 *
 * @param minSlices    fewest axial slices accepted (16)
 * @param maxP01Hu     the 1st percentile must lie below this (−900 HU): air must be present in HU units
 * @param gapTolerance largest relative deviation of a slice gap from the median (0.10)
 */
public record InputGate(int minSlices, double maxP01Hu, double gapTolerance) {

    public static InputGate defaults() {
        return new InputGate(16, -900, 0.10);
    }

    /**
     * The verdict of a scan that passes; else {@link BadInputException} ("rejected by the input gate: " and every
     * problem). Whatever reads scans for the pipeline passes them through here.
     */
    public GateResult admit(LoadedVolume in) {
        GateResult gate = check(in);
        if (!gate.passed()) {
            throw new BadInputException("rejected by the input gate: " + gate.summary());
        }
        return gate;
    }

    public GateResult check(LoadedVolume in) {
        List<String> problems = new ArrayList<>();
        in.modality().ifPresent(m -> {
            if (!m.equalsIgnoreCase("CT")) {
                problems.add("modality is " + m + ", expected CT");
            }
        });
        Geometry g = in.volume().geometry();
        if (g.nz() < minSlices) {
            problems.add("only " + g.nz() + " slices, expected at least " + minSlices);
        }
        VolumeStats stats = VolumeStats.of(in.volume());
        if (stats.nonFinite() > 0) {
            problems.add(stats.nonFinite() + " voxels are NaN or infinite, expected finite HU values");
        } else if (!(stats.percentile01() < maxP01Hu)) {
            problems.add(
                    String.format("1st percentile is %.0f HU, expected below %.0f HU (air); not in Hounsfield units?",
                            stats.percentile01(), maxP01Hu));
        }
        double[] gaps = in.sliceGapsMm();
        if (gaps.length > 0) {
            double median = median(gaps);
            for (int i = 0; i < gaps.length; i++) {
                if (Math.abs(gaps[i] - median) > gapTolerance * median) {
                    problems.add(String.format("slice gap %.3f mm after slice %d differs from the median %.3f mm",
                            gaps[i], i, median));
                    break;
                }
            }
        }
        return new GateResult(problems.isEmpty(), problems, stats);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
