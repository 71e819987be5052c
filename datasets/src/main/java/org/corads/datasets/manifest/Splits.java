package org.corads.datasets.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Patient-grouped, label-stratified, seeded splits. Patients are grouped by the label of their first scan;
 * within each stratum they are shuffled with the seed, ordered by scan count (largest first, stable), and each
 * goes to the split whose scan count lags furthest behind its target share — so every split gets its share of
 * each stratum to within one scan for single-scan patients (within a patient's size otherwise), and no patient
 * is in two splits. Where two splits lag equally within a stratum (validation and test of a three-scan stratum),
 * the one lagging furthest behind its share of all scans assigned so far wins: small strata take turns instead of
 * always filling the split named first, so a 12-scan cohort over five grades still gets test scans.
 *
 * @param fractions split name → share of scans (sum 1), e.g. test 0.2, train 0.6, validation 0.2
 * @param seed      shuffling seed
 */
public record Splits(Map<String, Double> fractions, long seed) {
    /** The splits a dataset has, in the order they are listed. */
    public static final List<String> NAMES = List.of("train", "validation", "test");

    public static Splits standard(long seed) {
        return of(0.6, 0.2, 0.2, seed);
    }

    /** Shares of train, validation and test (the {@link #NAMES}, in that order). */
    public static Splits of(double train, double validation, double test, long seed) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(NAMES.get(0), train);
        f.put(NAMES.get(1), validation);
        f.put(NAMES.get(2), test);
        return new Splits(f, seed);
    }

    public Splits {
        fractions = new LinkedHashMap<>(fractions);
        double sum = fractions.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(Math.abs(sum - 1) <= 1e-9) || fractions.values().stream().anyMatch(v -> !(v >= 0))) {
            throw new IllegalArgumentException("split fractions must be ≥ 0 and sum to 1, got " + fractions);
        }
    }

    public List<ManifestRow> assign(List<ManifestRow> rows) {
        Map<String, List<ManifestRow>> byPatient = new LinkedHashMap<>();
        for (ManifestRow r : rows) {
            byPatient.computeIfAbsent(r.patientId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<String>> strata = new TreeMap<>();
        byPatient.forEach((p, rs) -> strata.computeIfAbsent(rs.get(0).label(), k -> new ArrayList<>()).add(p));
        Map<String, String> splitOf = new LinkedHashMap<>();
        Random rnd = new Random(seed);
        Map<String, Long> overall = new LinkedHashMap<>();
        fractions.keySet().forEach(s -> overall.put(s, 0L));
        long assigned = 0;
        for (List<String> patients : strata.values()) {
            Collections.shuffle(patients, rnd);
            patients.sort(Comparator.comparingInt((String p) -> byPatient.get(p).size()).reversed());
            long total = patients.stream().mapToLong(p -> byPatient.get(p).size()).sum();
            Map<String, Long> have = new LinkedHashMap<>();
            fractions.keySet().forEach(s -> have.put(s, 0L));
            for (String p : patients) {
                int size = byPatient.get(p).size();
                String best = null;
                double bestDeficit = Double.NEGATIVE_INFINITY;
                double bestOverall = Double.NEGATIVE_INFINITY;
                for (Map.Entry<String, Double> f : fractions.entrySet()) {
                    double deficit = f.getValue() * total - have.get(f.getKey());
                    double behind = f.getValue() * (assigned + size) - overall.get(f.getKey());
                    boolean tie = Math.abs(deficit - bestDeficit) <= 1e-9;
                    if (!tie && deficit > bestDeficit || tie && behind > bestOverall + 1e-9) {
                        bestDeficit = deficit;
                        bestOverall = behind;
                        best = f.getKey();
                    }
                }
                have.merge(best, (long) size, Long::sum);
                overall.merge(best, (long) size, Long::sum);
                assigned += size;
                splitOf.put(p, best);
            }
        }
        return rows.stream().map(r -> r.withSplit(splitOf.get(r.patientId()))).toList();
    }
}
