package org.corads.pipeline.dag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.steps.core.Work;
import org.junit.jupiter.api.Test;

/** The run's time estimate: measured rates per cost class, priors scaled by this machine's speed for the rest. */
class RunEstimateTest {
    private static final Map<String, Double> PRIORS = Map.of("resample", 100.0, "pretrain-3d", 1.0, "train-3d", 2.0);

    private static StepOutcome took(long ms, StepOutcome.Status status) {
        return new StepOutcome("x", null, status, Map.of(), ms, null, false);
    }

    @Test
    void aNetworkClassNotSeenYetIsEstimatedFromItsPriorScaledByHowFastThisMachineHasTrained() {
        RunEstimate e = new RunEstimate(PRIORS);
        assertThat(e.expectedMs(new Work("train-3d", 1000))).isEqualTo(2000.0);
        // small scans resample fast: that says nothing about how fast this machine trains
        e.finished(new Work("resample", 1), took(10, StepOutcome.Status.Computed));
        assertThat(e.machineFactor()).isEqualTo(1.0);
        assertThat(e.expectedMs(new Work("resample", 1))).isEqualTo(10.0);
        // slow resampling may be a slow machine: until a network has trained, it scales the network priors up
        RunEstimate slow = new RunEstimate(PRIORS);
        slow.finished(new Work("resample", 1), took(250, StepOutcome.Status.Computed));
        assertThat(slow.machineFactor()).isEqualTo(2.5);
        assertThat(slow.expectedMs(new Work("train-3d", 1000))).isEqualTo(5000.0);
        e.finished(new Work("pretrain-3d", 500), took(1500, StepOutcome.Status.Computed));
        assertThat(e.machineFactor()).isEqualTo(3.0);
        // training has not started: 1000 units × 2 ms × 3 (this machine pre-trained three times slower than the priors)
        assertThat(e.expectedMs(new Work("train-3d", 1000))).isEqualTo(6000.0);
    }

    @Test
    void measuredRatesScaleWithUnitsAndCacheHitsCostWhatHitsCost() {
        RunEstimate e = new RunEstimate(PRIORS);
        e.finished(new Work("train-3d", 500), took(10_000, StepOutcome.Status.Computed));
        assertThat(e.expectedMs(new Work("train-3d", 1000))).isEqualTo(20_000.0);
        e.finished(new Work("ensemble", 1), took(4, StepOutcome.Status.CacheHit));
        assertThat(e.expectedMs(new Work("ensemble", 1))).isEqualTo(4.0);
        // a class with neither a prior nor a measurement: the mean of the computed steps
        assertThat(e.expectedMs(new Work("unknown", 1))).isEqualTo(10_000.0);
    }

    @Test
    void stepsThatTakeEveryCoreAddUpAndTheOthersShareTheWorkers() {
        RunEstimate e = new RunEstimate(PRIORS);
        e.finished(new Work("resample", 1), took(1000, StepOutcome.Status.Computed));
        e.finished(new Work("train-3d", 1), took(10_000, StepOutcome.Status.Computed));
        List<Map.Entry<Work, Boolean>> left = List.of(Map.entry(new Work("train-3d", 3), true),
                Map.entry(new Work("resample", 1), false), Map.entry(new Work("resample", 1), false));
        assertThat(e.secondsLeft(left, 2)).isEqualTo(31);
        assertThat(new RunEstimate(Map.of()).secondsLeft(left, 2)).isEqualTo(-1);
    }
}
