package org.corads.steps.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values computed independently with scikit-learn 1.2 (Debian python3-sklearn): roc_auc_score and
 * cohen_kappa_score(weights="quadratic", labels=[1, 2, 3, 4, 5]). The CSV resources were written by numpy
 * (RandomState 7) in the same session.
 */
class SklearnAgreementTest {

    @Test
    void aucWithTiesEqualsSklearn() {
        double[] s = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.05, 0.6, 0.6};
        boolean[] y = {false, false, true, true, true, false, true, false, false, true};
        assertThat(Auc.compute(s, y)).isCloseTo(0.78, within(1e-12));
    }

    @Test
    void aucOn300RoundedScoresWithManyTiesEqualsSklearn() throws IOException {
        List<String[]> rows = csv("auc300.csv");
        double[] s = rows.stream().mapToDouble(r -> Double.parseDouble(r[0])).toArray();
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i)[1].equals("1");
        }
        assertThat(Auc.compute(s, y)).isCloseTo(0.6638366325573082, within(1e-12));
    }

    @Test
    void aucIsUndefinedWithOneClassAndHalfWhenAllTied() {
        assertThat(Auc.compute(new double[]{0.1, 0.2}, new boolean[]{true, true})).isNaN();
        assertThat(Auc.compute(new double[]{0.3, 0.3, 0.3}, new boolean[]{true, false, true})).isEqualTo(0.5);
    }

    @Test
    void qwkEqualsSklearnIncludingMissingGrades() throws IOException {
        assertThat(Qwk.compute(new int[]{1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 3, 3},
                new int[]{1, 2, 3, 4, 5, 2, 3, 3, 5, 4, 1, 5})).isCloseTo(0.7272727272727273, within(1e-12));
        // grades 3 and 4 absent from the truth: weights stay those of the five grades
        assertThat(Qwk.compute(new int[]{1, 1, 2, 5, 5, 2}, new int[]{1, 2, 2, 5, 4, 1})).isCloseTo(0.9032258064516129,
                within(1e-12));
        List<String[]> rows = csv("qwk200.csv");
        int[] t = rows.stream().mapToInt(r -> Integer.parseInt(r[0])).toArray();
        int[] p = rows.stream().mapToInt(r -> Integer.parseInt(r[1])).toArray();
        assertThat(Qwk.compute(t, p)).isCloseTo(0.6721116012877072, within(1e-12));
        assertThat(Qwk.compute(new int[]{3, 3}, new int[]{3, 3})).isNaN();
    }

    @Test
    void weightedEvaluationEqualsRepeatingCases() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, false, true, true};
        int[] w = {2, 0, 3, 1};
        double[] rs = {0.1, 0.1, 0.35, 0.35, 0.35, 0.8};
        boolean[] ry = {false, false, true, true, true, true};
        assertThat(new Auc(s, y).value(w)).isCloseTo(Auc.compute(rs, ry), within(1e-15));
        assertThat(Qwk.compute(new int[]{1, 2, 3}, new int[]{1, 3, 3}, new int[]{2, 1, 0}))
                .isCloseTo(Qwk.compute(new int[]{1, 1, 2}, new int[]{1, 1, 3}), within(1e-15));
    }

    @Test
    void rocCurveRunsFromOriginToOneOne() {
        RocCurve c = RocCurve.of(new double[]{0.1, 0.4, 0.4, 0.8}, new boolean[]{false, true, false, true});
        assertThat(c.fpr()).containsExactly(0, 0, 0.5, 1);
        assertThat(c.tpr()).containsExactly(0, 0.5, 1, 1);
    }

    private static List<String[]> csv(String name) throws IOException {
        try (InputStream in = SklearnAgreementTest.class.getResourceAsStream("/eval/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(l -> l.split(",")).toList();
        }
    }
}
