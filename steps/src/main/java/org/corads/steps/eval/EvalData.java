package org.corads.steps.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.corads.steps.io.BadInputException;

/**
 * Predictions aligned for paired analysis: one row per scan (first-seen order), one column per model (file
 * order). Every model must have predicted every scan, and a scan must keep one patient and one label.
 *
 * @param system    label system of the file
 * @param scanIds   scans
 * @param patient   patient index per scan (0 … patients−1)
 * @param patients  number of patients
 * @param positive  per scan: 1 positive, 0 negative, −1 excluded from ROC analysis
 * @param truth     CO-RADS grade per scan (1–5), or 0 when the label system has no grades
 * @param thickness slice thickness per scan, NaN when unknown
 * @param models    model names
 * @param scores    [model][scan] scores in [0, 1]
 * @param grades    [model][scan] predicted grades 1–5
 */
public record EvalData(LabelSystem system, List<String> scanIds, int[] patient, int patients, int[] positive,
        int[] truth, double[] thickness, List<String> models, double[][] scores, int[][] grades) {

    public static EvalData of(List<Prediction> rows, Path file) {
        LabelSystem system = LabelSystem.ofLabel(rows.get(0).label()).orElseThrow();
        Map<String, Prediction> firstOfScan = new LinkedHashMap<>();
        Map<String, List<Prediction>> byModel = new LinkedHashMap<>();
        for (Prediction p : rows) {
            Prediction f = firstOfScan.putIfAbsent(p.scanId(), p);
            if (f != null && (!f.patientId().equals(p.patientId()) || !f.label().equals(p.label()))) {
                throw BadInputException.of(file,
                        "line " + p.row() + ": scan '" + p.scanId() + "' has patient/label " + p.patientId() + "/"
                                + p.label() + " but line " + f.row() + " says " + f.patientId() + "/" + f.label());
            }
            byModel.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
        }
        List<String> scans = new ArrayList<>(firstOfScan.keySet());
        Map<String, Integer> scanIndex = new HashMap<>();
        for (int i = 0; i < scans.size(); i++) {
            scanIndex.put(scans.get(i), i);
        }
        Map<String, Integer> patientIndex = new LinkedHashMap<>();
        int n = scans.size();
        int[] patient = new int[n];
        int[] positive = new int[n];
        int[] truth = new int[n];
        double[] thickness = new double[n];
        for (int i = 0; i < n; i++) {
            Prediction p = firstOfScan.get(scans.get(i));
            patient[i] = patientIndex.computeIfAbsent(p.patientId(), k -> patientIndex.size());
            positive[i] = system.positive(p.label()).map(b -> b ? 1 : 0).orElse(-1);
            truth[i] = system.grade(p.label()).orElse(0);
            thickness[i] = p.sliceThicknessMm() == null ? Double.NaN : p.sliceThicknessMm();
        }
        List<String> models = new ArrayList<>(byModel.keySet());
        double[][] scores = new double[models.size()][n];
        int[][] grades = new int[models.size()][n];
        for (int m = 0; m < models.size(); m++) {
            List<Prediction> ps = byModel.get(models.get(m));
            if (ps.size() != n) {
                String missing = scans.stream().filter(s -> ps.stream().noneMatch(p -> p.scanId().equals(s)))
                        .findFirst().orElse("?");
                throw BadInputException.of(file, "model '" + models.get(m) + "' has " + ps.size() + " of " + n
                        + " scans (missing e.g. '" + missing + "'); paired comparison needs every model on every scan");
            }
            for (Prediction p : ps) {
                int i = scanIndex.get(p.scanId());
                scores[m][i] = p.score();
                grades[m][i] = p.grade();
            }
        }
        return new EvalData(system, scans, patient, patientIndex.size(), positive, truth, thickness, models, scores,
                grades);
    }

    public int scans() {
        return scanIds.size();
    }

    /** Scans included in ROC analysis. */
    public int[] rocCases() {
        return IntStream.range(0, positive.length).filter(i -> positive[i] >= 0).toArray();
    }
}
