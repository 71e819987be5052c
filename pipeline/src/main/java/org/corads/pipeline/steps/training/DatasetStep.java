package org.corads.pipeline.steps.training;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.datasets.manifest.Splits;
import org.corads.models.train.PackedDataset;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepFiles;
import org.corads.steps.eval.LabelSystem;
import org.corads.steps.io.BadInputException;

/**
 * {@code dataset}: packs the model cases of a cohort ({@code case/<scanId>}, from {@code model-case}) with their
 * CO-RADS grades, patients and splits from {@code manifest} into one {@code dataset.bin}
 * ({@link PackedDataset}), the single content-addressed input of training and grading; {@code dataset.json}
 * counts cases per split and grade. Every case must be in the manifest with a CO-RADS label and a split.
 */
public final class DatasetStep extends BaseStep<DatasetStep.Params> {

    /** @param splits splits to keep (train, validation, test) */
    public record Params(List<String> splits) {
        public static final Params ALL = new Params(Splits.NAMES);
    }

    public DatasetStep() {
        super("dataset", 1, Params.class, List.of("manifest", "case*"), List.of("dataset.bin", "dataset.json"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Map<String, ManifestRow> rows = new LinkedHashMap<>();
        for (ManifestRow r : Manifests.read(files.input("manifest"))) {
            rows.put(r.scanId(), r);
        }
        var cases = files.inputs("case*");
        if (cases.isEmpty()) {
            throw new InvalidSpecException("dataset needs at least one case/<scanId> input");
        }
        List<PackedDataset.Case> out = new ArrayList<>();
        int[] shape = null;
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (var e : cases.entrySet()) {
            ManifestRow r = rows.get(e.getKey());
            if (r == null) {
                throw BadInputException.of(files.input("manifest"), "has no row for case " + e.getKey());
            }
            int grade = LabelSystem.CORADS.grade(r.label())
                    .orElseThrow(() -> BadInputException.of(files.input("manifest"),
                            "scan " + r.scanId() + " has label '" + r.label() + "'; training needs CO-RADS 1–5"));
            if (!p.splits().contains(r.split())) {
                continue;
            }
            ModelCaseStep.Case c = ModelCaseStep.read(e.getValue());
            int[] s = {c.channels(), c.depth(), c.size()};
            if (shape != null && !Arrays.equals(shape, s)) {
                throw BadInputException.of(e.getValue(),
                        "has shape " + Arrays.toString(s) + ", the others " + Arrays.toString(shape));
            }
            shape = s;
            out.add(new PackedDataset.Case(r.scanId(), r.patientId(), grade, r.split(), c.data()));
            counts.computeIfAbsent(r.split(), k -> new int[5])[grade - 1]++;
        }
        if (shape == null) {
            throw BadInputException.of(files.input("manifest"),
                    "assigns none of the cases to the splits " + p.splits());
        }
        new PackedDataset(shape[0], shape[1], shape[2], out).write(files.output("dataset.bin"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cases", out.size());
        doc.put("shape", shape);
        doc.put("gradeCountsBySplit", counts);
        Files.write(files.output("dataset.json"),
                CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    }
}
