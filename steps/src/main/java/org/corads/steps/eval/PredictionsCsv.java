package org.corads.steps.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corads.steps.io.BadInputException;

/**
 * Reads a predictions CSV (SPEC §8): columns {@code scan_id, patient_id, label, model, score}, optional
 * {@code grade} (1–5) and {@code slice_thickness_mm}. Every problem is reported with the file and line
 * number: missing columns, empty fields, a score outside [0, 1], an unknown label, labels from two label
 * systems, a grade outside 1–5, the same scan twice for one model.
 */
public final class PredictionsCsv {
    static final List<String> REQUIRED = List.of("scan_id", "patient_id", "label", "model", "score");

    private PredictionsCsv() {}

    public static List<Prediction> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "no such file");
        }
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Prediction> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        LabelSystem system = null;
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            CsvSchema header = (CsvSchema) it.getParserSchema();
            for (String c : REQUIRED) {
                if (header.column(c) == null) {
                    throw BadInputException.of(file, "line 1: missing column '" + c + "'; expected columns "
                            + String.join(",", REQUIRED) + " (optional grade, slice_thickness_mm)");
                }
            }
            int line = 1;
            while (it.hasNextValue()) {
                line++;
                Map<String, String> r = it.nextValue();
                Prediction p = parse(file, line, r);
                LabelSystem s = LabelSystem.ofLabel(p.label()).orElseThrow(() -> BadInputException.of(file, "line "
                        + p.row() + ": unknown label '" + p.label() + "'; expected CO-RADS 1–5, iCTCF "
                        + "(Control, Mild, Regular, Severe, Critically ill, Suspected) or MosMedData CT-0…CT-4"));
                if (system != null && s != system) {
                    throw BadInputException.of(file, "line " + line + ": label '" + p.label() + "' is " + s
                            + " but earlier rows are " + system + "; one label system per file");
                }
                system = s;
                if (!seen.add(p.model() + "\u0000" + p.scanId())) {
                    throw BadInputException.of(file,
                            "line " + line + ": scan '" + p.scanId() + "' appears twice for model '" + p.model() + "'");
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw BadInputException.of(file, "not a readable CSV: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            throw BadInputException.of(file,
                    "not a readable CSV: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (out.isEmpty()) {
            throw BadInputException.of(file, "no prediction rows");
        }
        return out;
    }

    private static Prediction parse(Path file, int line, Map<String, String> r) {
        for (String c : REQUIRED) {
            if (r.get(c) == null || r.get(c).isBlank()) {
                throw BadInputException.of(file, "line " + line + ": empty '" + c + "'");
            }
        }
        double score;
        try {
            score = Double.parseDouble(r.get("score").strip());
        } catch (NumberFormatException e) {
            throw BadInputException.of(file, "line " + line + ": score '" + r.get("score") + "' is not a number");
        }
        if (!(score >= 0 && score <= 1)) {
            throw BadInputException.of(file,
                    "line " + line + ": score " + r.get("score").strip() + " is outside [0, 1]");
        }
        score += 0.0; // "-0" is a score of 0, not a negative zero carried into the report
        int grade = Prediction.gradeOf(score);
        String g = r.get("grade");
        if (g != null && !g.isBlank()) {
            try {
                grade = Integer.parseInt(g.strip());
            } catch (NumberFormatException e) {
                grade = -1;
            }
            if (grade < 1 || grade > 5) {
                throw BadInputException.of(file, "line " + line + ": grade '" + g + "' is not an integer 1–5");
            }
        }
        Double thickness = null;
        String t = r.get("slice_thickness_mm");
        if (t != null && !t.isBlank()) {
            try {
                thickness = Double.parseDouble(t.strip());
            } catch (NumberFormatException e) {
                throw BadInputException.of(file, "line " + line + ": slice_thickness_mm '" + t + "' is not a number");
            }
        }
        return new Prediction(line, r.get("scan_id").strip(), r.get("patient_id").strip(), r.get("label").strip(),
                r.get("model").strip(), score, grade, thickness);
    }
}
