package org.corads.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import java.util.List;
import org.corads.models.Inference;
import org.corads.steps.eval.Auc;
import org.corads.steps.eval.Qwk;

/**
 * Validation metrics (SPEC §5): QWK with each validation case weighted so that the grades have the training
 * set's distribution (samples balanced to the training class distribution), and AUC (CO-RADS 1–2 vs 3–5).
 */
final class Validation {

    private Validation() {}

    /** @return {QWK, AUC}, or for the proxy task {mean absolute error} */
    static double[] evaluate(Trainer trainer, TrainConfig cfg, List<Sample> val, List<Sample> train) {
        double[][] probs = predict(trainer, cfg, val);
        if (cfg.task() == TrainConfig.Task.LESION_LOAD) {
            double err = 0;
            for (int i = 0; i < val.size(); i++) {
                err += Math.abs(probs[i][0] - val.get(i).target());
            }
            return new double[]{err / val.size()};
        }
        double[] trainFreq = freq(train);
        double[] valFreq = freq(val);
        double[][] o = new double[5][5];
        double total = 0;
        double[] score = new double[val.size()];
        boolean[] pos = new boolean[val.size()];
        for (int i = 0; i < val.size(); i++) {
            int g = val.get(i).grade();
            double w = trainFreq[g - 1] / valFreq[g - 1];
            o[g - 1][cfg.head().grade(probs[i]) - 1] += w;
            total += w;
            score[i] = cfg.head().rocScalar(probs[i]);
            pos[i] = g >= 3;
        }
        return new double[]{Qwk.fromMatrix(o, total), Auc.compute(score, pos)};
    }

    /** Probabilities per case (no augmentation, inference mode). */
    static double[][] predict(Trainer trainer, TrainConfig cfg, List<Sample> cases) {
        double[][] out = new double[cases.size()][];
        NDManager m = trainer.getManager();
        for (int i = 0; i < cases.size(); i++) {
            try (NDManager sub = m.newSubManager()) {
                NDArray x = sub.create(cases.get(i).data(),
                        new Shape(1, cfg.channels(), cfg.depth(), cfg.size(), cfg.size()));
                NDArray y = Inference.forward(trainer.getModel().getBlock(), new ParameterStore(sub, false), x);
                out[i] = cfg.head().probabilities(y.toFloatArray());
            }
        }
        return out;
    }

    private static double[] freq(List<Sample> s) {
        double[] f = new double[5];
        for (Sample x : s) {
            f[x.grade() - 1]++;
        }
        for (int i = 0; i < 5; i++) {
            f[i] = Math.max(f[i], 1e-9) / s.size();
        }
        return f;
    }
}
