package org.corads.models;

import ai.djl.training.loss.Loss;

/**
 * The output heads of SPEC §4. {@link #CONTINUOUS}: one output, sigmoid, binary cross-entropy against
 * {@code (grade − 1) / 4}; grade {@code round(4p) + 1}; ROC scalar {@code p}. {@link #CATEGORICAL}: five logits,
 * softmax cross-entropy; grade {@code argmax + 1}; ROC scalar the expected grade mapped to [0, 1].
 */
public enum Head {
    CONTINUOUS(1), CATEGORICAL(5);

    private final int outputs;

    Head(int outputs) {
        this.outputs = outputs;
    }

    public int outputs() {
        return outputs;
    }

    public Loss loss() {
        return this == CONTINUOUS ? Loss.sigmoidBinaryCrossEntropyLoss() : Loss.softmaxCrossEntropyLoss();
    }

    /** The training target of a grade: {@code (g − 1) / 4}, or the class index {@code g − 1}. */
    public float target(int grade) {
        if (grade < 1 || grade > 5) {
            throw new IllegalArgumentException("grade must be 1–5, got " + grade);
        }
        return this == CONTINUOUS ? (grade - 1) / 4f : grade - 1;
    }

    /** Probability output of one case: sigmoid of the logit, or softmax of the five logits. */
    public double[] probabilities(float[] logits) {
        if (logits.length != outputs) {
            throw new IllegalArgumentException(this + " head expects " + outputs + " outputs, got " + logits.length);
        }
        if (this == CONTINUOUS) {
            return new double[]{1 / (1 + Math.exp(-logits[0]))};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[5];
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            p[k] = Math.exp(logits[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < 5; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** Grade from (ensemble-averaged) probabilities. */
    public int grade(double[] p) {
        if (this == CONTINUOUS) {
            return (int) Math.floor(4 * p[0] + 0.5) + 1;
        }
        int best = 0;
        for (int k = 1; k < 5; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best + 1;
    }

    /** Scalar in [0, 1] for ROC analysis. */
    public double rocScalar(double[] p) {
        if (this == CONTINUOUS) {
            return p[0];
        }
        double expected = 0;
        for (int k = 0; k < 5; k++) {
            expected += (k + 1) * p[k];
        }
        return (expected - 1) / 4;
    }
}
