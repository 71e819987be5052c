package org.corads.pipeline.steps.grading;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.Ensemble;
import org.corads.models.train.PackedDataset;
import org.corads.pipeline.steps.ModelFiles;
import org.corads.pipeline.steps.training.TrainStep;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;

/**
 * {@code grade}: runs one trained model ({@code model/params} + {@code model/card}) on every case of one split of
 * {@code dataset} and writes {@code grades.csv}: {@code scan_id,patient_id,label,model,score,grade,p1..pK} with the
 * model's probabilities, so an ensemble can average probability vectors later. The label is the case's CO-RADS
 * grade, or for an external test set the label as its manifest spells it (see {@code DatasetStep}).
 */
public final class GradeStep extends BaseStep<GradeStep.Params> {

    /**
     * @param split which split to grade ({@code test}; {@code external} for an external test set)
     * @param model model name written to the CSV (e.g. {@code 3d-full/seed-1})
     */
    public record Params(String split, String model) {}

    public GradeStep() {
        super("grade", 2, Params.class, List.of("dataset", "model*"), List.of("grades.csv"));
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Path dir = ModelFiles.gather(files.inputs("model*"), "grade", "model", files.stateDir());
        PackedDataset data = PackedDataset.read(files.input("dataset"));
        StringBuilder csv = new StringBuilder();
        try (NDManager nd = NDManager.newBaseManager(DeviceSetting.current());
                Ensemble e = new Ensemble(List.of(dir), nd)) {
            PackedDataset d = e.config().channels() == 1
                    ? data.firstChannels(1)
                    : TrainStep.requireTwo(data, files.input("dataset"));
            int k = e.head().outputs();
            csv.append("scan_id,patient_id,label,model,score,grade");
            for (int i = 1; i <= k; i++) {
                csv.append(",p").append(i);
            }
            csv.append('\n');
            for (PackedDataset.Case c : d.cases()) {
                if (!c.split().equals(p.split())) {
                    continue;
                }
                Ensemble.Result r = e.grade(c.data());
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%d", c.id(), c.patient(), c.reference(),
                        p.model(), r.score(), r.grade()));
                for (double x : r.probabilities()) {
                    csv.append(String.format(Locale.ROOT, ",%.6f", x));
                }
                csv.append('\n');
            }
        }
        Files.writeString(files.output("grades.csv"), csv);
    }
}
