package org.corads.pipeline.steps.grading;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.corads.models.Head;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.BadInputException;

/**
 * {@code ensemble}: the output of an arm (SPEC §5): for each scan, the mean of its members' probability vectors
 * ({@code member/<name>}: {@code grades.csv} of one seed each), from which the grade and ROC score follow.
 * Writes {@code predictions.csv} (model = the arm) and {@code members.csv} (every member's row, for the per-seed
 * spread). Every member must have graded the same scans.
 */
public final class EnsembleStep extends BaseStep<EnsembleStep.Params> {

    /** @param arm the ensemble's model name; @param head the members' head */
    public record Params(String arm, Head head) {}

    public EnsembleStep() {
        super("ensemble", 1, Params.class, List.of("member*"), List.of("predictions.csv", "members.csv"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        var members = files.inputs("member*");
        if (members.isEmpty()) {
            throw new InvalidSpecException("an ensemble needs at least one member/<name> input");
        }
        Map<String, double[]> sum = new LinkedHashMap<>();
        Map<String, String[]> meta = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder("scan_id,patient_id,label,model,score,grade\n");
        for (var e : members.entrySet()) {
            List<Map<String, String>> rows = read(e.getValue());
            if (!sum.isEmpty()
                    && (rows.size() != sum.size() || !rows.stream().allMatch(r -> sum.containsKey(r.get("scan_id"))))) {
                throw BadInputException.of(e.getValue(), "grades other scans than the first member");
            }
            for (Map<String, String> r : rows) {
                double[] prob = new double[p.head().outputs()];
                for (int k = 0; k < prob.length; k++) {
                    String v = r.get("p" + (k + 1));
                    if (v == null) {
                        throw BadInputException.of(e.getValue(),
                                "lacks column p" + (k + 1) + " for the " + p.head() + " head");
                    }
                    prob[k] = Double.parseDouble(v) / members.size();
                }
                double[] s = sum.computeIfAbsent(r.get("scan_id"), k -> new double[prob.length]);
                for (int k = 0; k < prob.length; k++) {
                    s[k] += prob[k];
                }
                meta.put(r.get("scan_id"), new String[]{r.get("patient_id"), r.get("label")});
                all.append(String.join(",", r.get("scan_id"), r.get("patient_id"), r.get("label"), r.get("model"),
                        r.get("score"), r.get("grade"))).append('\n');
            }
        }
        StringBuilder out = new StringBuilder("scan_id,patient_id,label,model,score,grade\n");
        for (var e : sum.entrySet()) {
            String[] m = meta.get(e.getKey());
            out.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%d%n", e.getKey(), m[0], m[1], p.arm(),
                    p.head().rocScalar(e.getValue()), p.head().grade(e.getValue())));
        }
        Files.writeString(files.output("predictions.csv"), out);
        Files.writeString(files.output("members.csv"), all);
    }

    static List<Map<String, String>> read(Path f) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(f.toFile())) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }
}
