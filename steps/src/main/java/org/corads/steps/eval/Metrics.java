package org.corads.steps.eval;

/**
 * AUC and QWK of every model on (weighted) cases, the computation repeated on each bootstrap resample.
 * Prepared once per data set: the ROC cases are sorted per model.
 */
final class Metrics {
    private final EvalData d;
    private final int[] rocCases;
    private final Auc[] auc;

    Metrics(EvalData d) {
        this.d = d;
        this.rocCases = d.rocCases();
        this.auc = new Auc[d.models().size()];
        boolean[] pos = new boolean[rocCases.length];
        for (int k = 0; k < rocCases.length; k++) {
            pos[k] = d.positive()[rocCases[k]] == 1;
        }
        for (int m = 0; m < auc.length; m++) {
            double[] s = new double[rocCases.length];
            for (int k = 0; k < rocCases.length; k++) {
                s[k] = d.scores()[m][rocCases[k]];
            }
            auc[m] = new Auc(s, pos);
        }
    }

    /** @param weights multiplicity per scan, or null */
    double auc(int m, int[] weights) {
        if (weights == null) {
            return auc[m].value(null);
        }
        int[] w = new int[rocCases.length];
        for (int k = 0; k < rocCases.length; k++) {
            w[k] = weights[rocCases[k]];
        }
        return auc[m].value(w);
    }

    /** NaN when the label system has no grades. */
    double qwk(int m, int[] weights) {
        if (d.system() != LabelSystem.CORADS) {
            return Double.NaN;
        }
        return Qwk.compute(d.truth(), d.grades()[m], weights);
    }
}
