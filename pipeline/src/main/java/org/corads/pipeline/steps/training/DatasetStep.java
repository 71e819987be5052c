package org.corads.pipeline.steps.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>
 * An external test set ({@code as: external}) is packed whole into the one split {@code external}, whatever its
 * manifest's splits say: its labels may be in any label system (CO-RADS, iCTCF, MosMedData), are kept as the
 * manifest spells them for evaluation, and its cases are graded, never trained on (grade 0 where the label is not a
 * CO-RADS grade).
 */
public final class DatasetStep extends BaseStep<DatasetStep.Params> {

    /**
     * @param splits splits to keep (train, validation, test)
     * @param as     null, or the one split every case of the manifest goes to with its label kept ({@code external})
     */
    public record Params(List<String> splits, @JsonInclude(JsonInclude.Include.NON_NULL) String as) {
        public static final Params ALL = new Params(Splits.NAMES, null);
        /** An external test set: every scan of its manifest, in the split {@code external}. */
        public static final Params EXTERNAL = new Params(Splits.NAMES, EXTERNAL_SPLIT);
    }

    /** The split of an external test set's cases. */
    public static final String EXTERNAL_SPLIT = "external";

    public DatasetStep() {
        super("dataset", 2, Params.class, List.of("manifest", "case*"), List.of("dataset.bin", "dataset.json"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Path manifest = files.input("manifest");
        Map<String, ManifestRow> rows = new LinkedHashMap<>();
        for (ManifestRow r : Manifests.read(manifest)) {
            rows.put(r.scanId(), r);
        }
        var cases = files.inputs("case*");
        if (cases.isEmpty()) {
            throw new InvalidSpecException("dataset needs at least one case/<scanId> input");
        }
        List<PackedDataset.Case> out = new ArrayList<>();
        int[] shape = null;
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Integer> labels = new TreeMap<>();
        for (var e : cases.entrySet()) {
            ManifestRow r = rows.get(e.getKey());
            if (r == null) {
                throw BadInputException.of(manifest, "has no row for case " + e.getKey());
            }
            PackedDataset.Case packed = p.as() != null ? external(r, p.as(), manifest) : internal(r, p, manifest);
            if (packed == null) {
                continue;
            }
            ModelCaseStep.Case c = ModelCaseStep.read(e.getValue());
            int[] s = {c.channels(), c.depth(), c.size()};
            if (shape != null && !Arrays.equals(shape, s)) {
                throw BadInputException.of(e.getValue(),
                        "has shape " + Arrays.toString(s) + ", the others " + Arrays.toString(shape));
            }
            shape = s;
            out.add(packed.withData(c.data()));
            if (p.as() != null) {
                labels.merge(packed.label(), 1, Integer::sum);
            } else {
                counts.computeIfAbsent(packed.split(), k -> new int[5])[packed.grade() - 1]++;
            }
        }
        if (shape == null) {
            throw BadInputException.of(manifest, "assigns none of the cases to the splits " + p.splits());
        }
        new PackedDataset(shape[0], shape[1], shape[2], out).write(files.output("dataset.bin"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cases", out.size());
        doc.put("shape", shape);
        if (p.as() != null) {
            doc.put("split", p.as());
            doc.put("labelCounts", labels);
        } else {
            doc.put("gradeCountsBySplit", counts);
        }
        Files.write(files.output("dataset.json"),
                CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    }

    /** A case of the study's own cohort (CO-RADS labelled), or null when its split is not kept. */
    private static PackedDataset.Case internal(ManifestRow r, Params p, Path manifest) {
        int grade = LabelSystem.CORADS.grade(r.label()).orElseThrow(() -> BadInputException.of(manifest,
                "scan " + r.scanId() + " has label '" + r.label() + "'; training needs CO-RADS 1–5"));
        return p.splits().contains(r.split())
                ? new PackedDataset.Case(r.scanId(), r.patientId(), grade, r.split(), null)
                : null;
    }

    /** A case of an external test set: any label system, the label kept as its system spells it. */
    private static PackedDataset.Case external(ManifestRow r, String split, Path manifest) {
        LabelSystem system = LabelSystem.ofLabel(r.label()).orElseThrow(() -> BadInputException.of(manifest,
                "scan " + r.scanId() + " has label '" + r.label() + "'; expected CO-RADS 1–5, iCTCF or MosMedData"));
        String label = system.canonical(r.label()).orElseThrow();
        return new PackedDataset.Case(r.scanId(), r.patientId(), system.grade(label).orElse(0), split, null, label);
    }
}
