package org.corads.pipeline.dag;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.steps.core.Work;

/**
 * Seconds left in a run, from time rather than step counts. Each step's work is a cost class and a number of units
 * ({@link Work}: scans, iterations × batch × width², …). A class the run has already computed steps of is
 * estimated at its measured milliseconds per unit; a class it has not seen yet at a prior rate. Priors of the network
 * classes (training, pre-training, lesion training), whose units measure their work whatever the data, are scaled
 * by how fast this machine has trained so far against the priors; per-scan classes, whose cost follows the scans'
 * size, are not used to judge the machine. Steps that use every core run one after another, the others share the
 * run's concurrency. Cache hits are estimated at what hits of their class took.
 */
final class RunEstimate {
    /**
     * Milliseconds per unit by cost class, measured on the 2-core development machine by {@code corads demo} (150
     * synthetic scans at FAST resolution, 8-slice-thick 30² inputs; its run document's durations over the units of
     * {@link Work}). Per-scan classes depend on the scans' size and are replaced by what the run measures after a few
     * scans; the network classes are scaled by the machine's measured training speed.
     */
    static final Map<String, Double> PRIORS = Map.ofEntries(Map.entry("ingest", 110.0), Map.entry("resample", 410.0),
            Map.entry("lung-mask", 300.0), Map.entry("model-input", 250.0), Map.entry("lesion-channel", 290.0),
            Map.entry("model-case", 45.0), Map.entry("dataset", 510.0), Map.entry("pretrain-3d", 320.0),
            Map.entry("pretrain-2d", 2450.0), Map.entry("train-3d", 580.0), Map.entry("train-2d", 2380.0),
            Map.entry("grade", 470.0), Map.entry("ensemble", 12.0), Map.entry("compare-arms", 660.0));

    /** The network classes: their priors follow this machine's measured training speed. */
    static final Set<String> SCALED = Set.of("pretrain-3d", "pretrain-2d", "train-3d", "train-2d", "lesion-train");

    private final Map<String, double[]> computed = new HashMap<>(); // class → {ms, units}
    private final Map<String, double[]> hits = new HashMap<>(); // class → {ms, count}
    private final Map<String, Double> priors;
    private double msDone;
    private double priorMsDone;
    private double scanMsDone;
    private double scanPriorMsDone;
    private double allMs;
    private int allCount;

    RunEstimate(Map<String, Double> priors) {
        this.priors = Map.copyOf(priors);
    }

    /** A step finished: its time counts towards its class's rate. */
    void finished(Work w, StepOutcome o) {
        if (o.status() == StepOutcome.Status.CacheHit) {
            double[] h = hits.computeIfAbsent(w.kind(), k -> new double[2]);
            h[0] += o.durationMs();
            h[1]++;
        } else if (o.status() == StepOutcome.Status.Computed) {
            double[] c = computed.computeIfAbsent(w.kind(), k -> new double[2]);
            c[0] += o.durationMs();
            c[1] += w.units();
            allMs += o.durationMs();
            allCount++;
            Double prior = priors.get(w.kind());
            if (prior != null && SCALED.contains(w.kind())) {
                msDone += o.durationMs();
                priorMsDone += prior * w.units();
            } else if (prior != null) {
                scanMsDone += o.durationMs();
                scanPriorMsDone += prior * w.units();
            }
        }
    }

    /**
     * How much slower (&gt; 1) or faster this machine trains than the priors. Before any network has trained, the
     * per-scan classes stand in, but only to scale up: a slower machine is slower at both, while small scans that
     * preprocess fast say nothing about training speed (so an estimate errs long rather than short).
     */
    double machineFactor() {
        if (priorMsDone > 0) {
            return msDone / priorMsDone;
        }
        return scanPriorMsDone > 0 ? Math.max(1, scanMsDone / scanPriorMsDone) : 1;
    }

    /** Milliseconds a step of this work is expected to take, or −1 when nothing is known yet. */
    double expectedMs(Work w) {
        double[] c = computed.get(w.kind());
        if (c != null && c[1] > 0) {
            return c[0] / c[1] * w.units();
        }
        double[] h = hits.get(w.kind());
        if (h != null) {
            return h[0] / h[1];
        }
        Double prior = priors.get(w.kind());
        if (prior != null) {
            return prior * w.units() * (SCALED.contains(w.kind()) ? machineFactor() : 1);
        }
        return allCount > 0 ? allMs / allCount : -1;
    }

    /**
     * Seconds left for the steps not finished: the exclusive ones one after another, the others shared among
     * {@code parallelism} workers; −1 when nothing is known yet.
     *
     * @param remaining work of each unfinished step, and whether it takes every core
     */
    long secondsLeft(Iterable<Map.Entry<Work, Boolean>> remaining, int parallelism) {
        double exclusive = 0;
        double shared = 0;
        for (Map.Entry<Work, Boolean> r : remaining) {
            double ms = expectedMs(r.getKey());
            if (ms < 0) {
                return -1;
            }
            if (r.getValue()) {
                exclusive += ms;
            } else {
                shared += ms;
            }
        }
        return Math.round((exclusive + shared / Math.max(1, parallelism)) / 1000);
    }
}
