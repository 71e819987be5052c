package org.corads.pipeline.steps.grading;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.corads.models.Sanity;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.Ensemble;
import org.corads.models.train.TrainConfig;
import org.corads.pipeline.steps.ModelFiles;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.BadInputException;

/**
 * {@code grade-scan}: one scan's classifier input ({@code case}, from {@code model-case}) graded by a deployed
 * ensemble whose members arrive as {@code member/<id>/params} + {@code member/<id>/card}. Output
 * {@code grade.json}: the ensemble's grade, ROC score and probabilities, every member's probabilities and grade,
 * their spread, and {@code warnings} (one line each: channel 1 not a plausible lesion map, members that disagree by
 * two grades or more, members near chance; see {@link Sanity}).
 */
public final class GradeScanStep extends BaseStep<GradeScanStep.Params> {

    /** @param ensemble a name for the ensemble (its arm), kept in the output */
    public record Params(String ensemble) {}

    public GradeScanStep() {
        super("grade-scan", 3, Params.class, List.of("case", "member*"), List.of("grade.json"));
    }

    @Override
    public boolean exclusive() {
        return true;
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        List<Path> dirs = memberDirs(files);
        ModelCaseStep.Case c = ModelCaseStep.read(files.input("case"));
        try (NDManager nd = NDManager.newBaseManager(DeviceSetting.current()); Ensemble e = new Ensemble(dirs, nd)) {
            TrainConfig cfg = e.config();
            if (c.depth() != cfg.depth() || c.size() != cfg.size() || c.channels() < cfg.channels()) {
                throw BadInputException.of(files.input("case"),
                        "holds " + c.channels() + " × " + c.depth() + " × " + c.size() + "² voxels; the ensemble takes "
                                + cfg.channels() + " × " + cfg.depth() + " × " + cfg.size() + "²");
            }
            int n = cfg.depth() * cfg.size() * cfg.size();
            float[] data = c.channels() == cfg.channels() ? c.data() : Arrays.copyOf(c.data(), n);
            Ensemble.Result r = e.grade(data);
            List<String> warnings = new ArrayList<>();
            if (cfg.channels() == 2) {
                Sanity.lesionMap(Arrays.copyOfRange(data, n, 2 * n)).ifPresent(warnings::add);
            }
            for (int i = 0; i < e.memberIds().size(); i++) {
                Sanity.nearChance(e.memberIds().get(i), e.bestScores().get(i)).ifPresent(warnings::add);
            }
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(files.output("grade.json").toFile(),
                    document(p, e, r, warnings));
        }
    }

    private static Map<String, Object> document(Params p, Ensemble e, Ensemble.Result r, List<String> warnings) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ensemble", p.ensemble());
        doc.put("head", e.head().name().toLowerCase(Locale.ROOT));
        doc.put("grade", r.grade());
        doc.put("score", r.score());
        doc.put("probabilities", r.probabilities());
        List<Map<String, Object>> members = new ArrayList<>();
        List<Integer> grades = new ArrayList<>();
        int lo = 5;
        int hi = 1;
        for (int i = 0; i < r.members().size(); i++) {
            int g = e.head().grade(r.members().get(i));
            grades.add(g);
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.memberIds().get(i));
            m.put("grade", g);
            m.put("score", e.head().rocScalar(r.members().get(i)));
            m.put("probabilities", r.members().get(i));
            members.add(m);
        }
        doc.put("members", members);
        doc.put("spread", Map.of("gradeMin", lo, "gradeMax", hi, "gradeRange", hi - lo));
        List<String> all = new ArrayList<>(warnings);
        Sanity.disagreement(grades).ifPresent(all::add);
        doc.put("warnings", all);
        return doc;
    }

    /** The members' files gathered as one folder each ({@code model.json} + {@code model.params}), in id order. */
    private static List<Path> memberDirs(StepFiles files) throws IOException {
        Map<String, Map<String, Path>> byMember = new TreeMap<>();
        for (Map.Entry<String, Path> f : files.inputs("member*").entrySet()) {
            String[] idAndPart = f.getKey().split("/", 2);
            if (idAndPart.length != 2) {
                throw new InvalidSpecException("grade-scan takes members as member/<id>/params and "
                        + "member/<id>/card, got member/" + f.getKey());
            }
            byMember.computeIfAbsent(idAndPart[0], id -> new TreeMap<>()).put(idAndPart[1], f.getValue());
        }
        Path root = Files.createTempDirectory(files.stateDir(), "members");
        List<Path> dirs = new ArrayList<>();
        for (Map.Entry<String, Map<String, Path>> m : byMember.entrySet()) {
            Path gathered = ModelFiles.gather(m.getValue(), "grade-scan", "member-" + m.getKey(), root);
            dirs.add(Files.move(gathered, root.resolve(m.getKey())));
        }
        return dirs;
    }
}
