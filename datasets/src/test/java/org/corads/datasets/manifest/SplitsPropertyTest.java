package org.corads.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Splits over 300 random manifests and seeds: no patient leaks; every stratum's share within ±1 scan. */
class SplitsPropertyTest {

    static List<ManifestRow> randomManifest(Random r) {
        List<ManifestRow> rows = new ArrayList<>();
        int patients = 20 + r.nextInt(200);
        for (int p = 0; p < patients; p++) {
            String label = Integer.toString(1 + r.nextInt(5));
            int scans = r.nextDouble() < 0.15 ? 2 : 1;
            for (int k = 0; k < scans; k++) {
                rows.add(new ManifestRow("s" + rows.size(), "p" + p, "scans/s" + rows.size() + ".mha", label, "CORADS",
                        "", null, "0"));
            }
        }
        return rows;
    }

    @Test
    void noPatientLeaksAndStrataAreBalanced() {
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            List<ManifestRow> rows = randomManifest(r);
            Splits splits = Splits.standard(seed);
            List<ManifestRow> out = splits.assign(rows);
            assertThat(out).hasSameSizeAs(rows);
            Map<String, String> splitOfPatient = new HashMap<>();
            for (ManifestRow m : out) {
                String before = splitOfPatient.putIfAbsent(m.patientId(), m.split());
                assertThat(before == null || before.equals(m.split())).as("patient %s in two splits", m.patientId())
                        .isTrue();
            }
            Map<String, Map<String, Integer>> counts = new HashMap<>();
            Map<String, Integer> totals = new HashMap<>();
            for (ManifestRow m : out) {
                counts.computeIfAbsent(m.label(), k -> new HashMap<>()).merge(m.split(), 1, Integer::sum);
                totals.merge(m.label(), 1, Integer::sum);
            }
            for (String label : totals.keySet()) {
                for (Map.Entry<String, Double> f : splits.fractions().entrySet()) {
                    double expected = f.getValue() * totals.get(label);
                    int got = counts.get(label).getOrDefault(f.getKey(), 0);
                    assertThat(Math.abs(got - expected))
                            .as("seed %d label %s split %s: %d vs %.2f", seed, label, f.getKey(), got, expected)
                            .isLessThanOrEqualTo(1.0);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSplits() {
        List<ManifestRow> rows = randomManifest(new Random(1));
        assertThat(Splits.standard(9).assign(rows)).isEqualTo(Splits.standard(9).assign(rows));
        assertThat(Splits.standard(9).assign(rows)).isNotEqualTo(Splits.standard(10).assign(rows));
    }

    @Test
    void smallCohortsOverFiveGradesGetScansInEverySplit() {
        for (int seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            int n = 10 + r.nextInt(11);
            List<ManifestRow> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // every grade at least twice, the rest at random
                String label = Integer.toString(i < 10 ? 1 + i % 5 : 1 + r.nextInt(5));
                rows.add(new ManifestRow("s" + i, "p" + i, "scans/s" + i + ".mha", label, "CORADS", "", null, "0"));
            }
            Map<String, Integer> perSplit = new HashMap<>();
            Splits.standard(seed).assign(rows).forEach(m -> perSplit.merge(m.split(), 1, Integer::sum));
            assertThat(perSplit).as("seed %d, %d scans", seed, n).containsKeys("train", "validation", "test");
            assertThat(perSplit.get("test")).as("seed %d, %d scans", seed, n).isGreaterThanOrEqualTo(n / 5 - 1);
        }
    }
}
