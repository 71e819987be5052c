package org.corads.steps.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bootstrap CIs and paired p-values on simulated data (binormal scores: AUC = Φ(d / √2)). */
class BootstrapBehaviourTest {

    /** Predictions for n patients (one scan each): negatives N(0,1), positives N(d,1), squashed into [0,1]. */
    static List<Prediction> simulate(int n, double d, long seed, String model, Random shared) {
        Random r = shared != null ? shared : new Random(seed);
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean pos = i % 2 == 0;
            double z = r.nextGaussian() + (pos ? d : 0);
            double score = 1 / (1 + Math.exp(-z));
            String label = pos ? (i % 3 == 0 ? "4" : "3") : (i % 3 == 0 ? "1" : "2");
            out.add(new Prediction(i + 2, "s" + i, "p" + i, label, model, score, Prediction.gradeOf(score), null));
        }
        return out;
    }

    @Test
    void identicalModelsHavePOne() {
        List<Prediction> a = simulate(200, 1.0, 1, "a", null);
        List<Prediction> rows = new ArrayList<>(a);
        a.forEach(p -> rows
                .add(new Prediction(p.row(), p.scanId(), p.patientId(), p.label(), "b", p.score(), p.grade(), null)));
        MetricsDocument m = new Evaluation(new Bootstrap(1000, 3), null).run(EvalData.of(rows, null));
        assertThat(m.comparisons()).singleElement().satisfies(c -> {
            assertThat(c.pAuc()).isEqualTo(1.0);
            assertThat(c.pQwk()).isEqualTo(1.0);
        });
    }

    @Test
    void aClearlyBetterModelHasPBelowOnePercent() {
        Random r = new Random(5);
        List<Prediction> good = simulate(300, 2.5, 0, "good", r);
        List<Prediction> rows = new ArrayList<>(good);
        for (Prediction p : good) {
            double noisy = 1 / (1 + Math.exp(-(r.nextGaussian() * 2)));
            rows.add(new Prediction(p.row(), p.scanId(), p.patientId(), p.label(), "chance", noisy,
                    Prediction.gradeOf(noisy), null));
        }
        MetricsDocument m = new Evaluation(new Bootstrap(1000, 3), "good").run(EvalData.of(rows, null));
        assertThat(m.comparisons().get(0).pAuc()).isLessThan(0.01);
        assertThat(m.models().get("good").auc()).isGreaterThan(m.models().get("chance").auc());
    }

    @Test
    void ciCoversAKnownAucInAbout95PercentOfTrials() {
        double d = 1.5;
        double truth = 0.8555778168267576; // Φ(1.5 / √2), scipy.stats.norm.cdf
        int covered = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            MetricsDocument m = new Evaluation(new Bootstrap(1000, 100 + t), null)
                    .run(EvalData.of(simulate(200, d, 1000 + t, "m", null), null));
            double[] ci = m.models().get("m").aucCi();
            if (ci[0] <= truth && truth <= ci[1]) {
                covered++;
            }
        }
        System.out.printf("coverage of the 95%% CI over %d trials: %.1f%% (true AUC %.4f)%n", trials,
                100.0 * covered / trials, truth);
        assertThat(100.0 * covered / trials).isBetween(92.0, 98.0);
    }

    @Test
    void degenerateResamplesAreCountedNotFatal() {
        // 3 patients: one positive, two negative; many resamples lack the positive
        List<Prediction> rows = List.of(new Prediction(2, "a", "p1", "4", "m", 0.9, 4, null),
                new Prediction(3, "b", "p2", "1", "m", 0.2, 2, null),
                new Prediction(4, "c", "p3", "2", "m", 0.1, 1, null));
        MetricsDocument m = new Evaluation(new Bootstrap(1000, 1), null).run(EvalData.of(rows, null));
        long degenerate = m.models().get("m").degenerateAuc();
        // P(no positive drawn) = (2/3)^3 ≈ 0.296, P(only the positive) = (1/3)^3 ≈ 0.037
        assertThat(degenerate).isBetween(280L, 390L);
        assertThat(m.models().get("m").auc()).isEqualTo(1.0);
    }

    @Test
    void scansOfOnePatientAreResampledTogether() {
        // two scans per patient with identical scores: a per-scan bootstrap would split them, ours never does
        List<Prediction> rows = new ArrayList<>();
        Random r = new Random(9);
        for (int i = 0; i < 40; i++) {
            double s = r.nextDouble();
            String label = i % 2 == 0 ? "4" : "1";
            rows.add(new Prediction(2 * i + 2, "s" + i + "a", "p" + i, label, "m", s, Prediction.gradeOf(s), null));
            rows.add(new Prediction(2 * i + 3, "s" + i + "b", "p" + i, label, "m", s, Prediction.gradeOf(s), null));
        }
        EvalData d = EvalData.of(rows, null);
        assertThat(d.patients()).isEqualTo(40);
        assertThat(d.scans()).isEqualTo(80);
        Bootstrap.Samples s = new Bootstrap(200, 4).run(d);
        // duplicating every case leaves AUC unchanged, so each resample's AUC equals that of a patient-level resample
        Bootstrap.Samples one = new Bootstrap(200, 4)
                .run(EvalData.of(rows.stream().filter(p -> p.scanId().endsWith("a")).toList(), null));
        assertThat(s.auc()[0]).containsExactly(one.auc()[0]);
    }
}
