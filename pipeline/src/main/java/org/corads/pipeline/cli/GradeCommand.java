package org.corads.pipeline.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.models.Sanity;
import org.corads.models.device.DeviceSetting;
import org.corads.models.train.Ensemble;
import org.corads.pipeline.grading.GradeStatus;
import org.corads.pipeline.grading.GradingService;
import org.corads.pipeline.grading.ScanGrader;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grade <scan> --ensemble <location>}: the grading service's per-scan path as one command (gate,
 * preprocessing, lesion map, ensemble), printing the same result document. {@code grade <input.mha> --model DIR
 * [--model DIR …] [--lesion lesion.mha]}: grades one preprocessed scan
 * ({@code preprocess … --depth D [--lesions mask]}) with an ensemble of trained models: each member's
 * probabilities, their mean, and the CO-RADS grade and ROC score from that mean, as JSON.
 */
@Command(name = "grade", description = "Grade a raw scan with a published ensemble (--ensemble), or a preprocessed "
        + "input with trained models (--model).")
public class GradeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(GradeCommand.class);

    @Parameters(index = "0", paramLabel = "<input.mha or scan>", description = "With --model: a preprocessed "
            + "input.mha. With --ensemble: a raw scan (.nii/.nii.gz/.mha file, or a folder of DICOM slices).")
    Path input;

    @Option(names = "--model", description = "A trained model folder; repeat for an ensemble.")
    List<Path> models;

    @Option(names = "--ensemble", description = "A published ensemble (s3://models/<study>/<arm>/ or a local folder "
            + "with ensemble.json): grades a raw scan through gate, preprocessing, lesion map and ensemble.")
    String ensemble;

    @Inject
    GradingService grading;

    @Option(names = "--lesion", description = "Channel 1 (lesion.mha from preprocess --lesions) for "
            + "models that take it.")
    Path lesion;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        if ((ensemble == null) == (models == null || models.isEmpty())) {
            throw new BadInputException(
                    "give either --ensemble <location> (a raw scan) or --model DIR … (a " + "preprocessed input.mha)");
        }
        if (ensemble != null) {
            ScanGrader.Outcome o = grading.gradeLocal(input, ensemble);
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o.document()));
            if (o.status() == GradeStatus.REJECTED) {
                throw BadInputException.of(input, String.valueOf(o.document().get("reason")));
            }
            return ExitCodes.OK;
        }
        Volume ct = VolumeIO.read(input).volume();
        try (NDManager nd = NDManager.newBaseManager(DeviceSetting.current()); Ensemble e = new Ensemble(models, nd)) {
            var c = e.config();
            int[] s = ct.geometry().size();
            if (s[2] != c.depth() || s[0] != s[1] || s[0] % c.size() != 0) {
                throw BadInputException.of(input,
                        "is " + s[0] + " × " + s[1] + " × " + s[2] + "; these models take " + c.depth()
                                + " slices of a square crop divisible by " + c.size() + " (preprocess with --depth "
                                + c.depth() + ")");
            }
            float[] data = ModelCaseStep.pool(ct.toFloats(), s[0], s[2], c.size());
            List<String> warnings = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                Sanity.nearChance(models.get(i).toString(), e.bestScores().get(i)).ifPresent(warnings::add);
            }
            if (c.channels() == 2) {
                if (lesion == null) {
                    throw new BadInputException(
                            models.get(0) + ": the models take a lesion channel; pass --lesion lesion.mha");
                }
                Volume l = VolumeIO.read(lesion).volume();
                if (!Arrays.equals(l.geometry().size(), s)) {
                    throw BadInputException.of(lesion, "does not match " + input + " in size");
                }
                float[] c1 = ModelCaseStep.poolMax(l.toFloats(), s[0], s[2], c.size());
                Sanity.lesionMap(c1).ifPresent(warnings::add);
                data = Arrays.copyOf(data, data.length * 2);
                System.arraycopy(c1, 0, data, c1.length, c1.length);
            }
            Ensemble.Result r = e.grade(data);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("input", input.toString());
            out.put("grade", r.grade());
            out.put("score", r.score());
            out.put("head", e.head().name().toLowerCase(Locale.ROOT));
            out.put("probabilities", r.probabilities());
            List<Map<String, Object>> members = new ArrayList<>();
            List<Integer> grades = new ArrayList<>();
            for (int i = 0; i < r.members().size(); i++) {
                grades.add(e.head().grade(r.members().get(i)));
                members.add(Map.of("model", models.get(i).toString(), "probabilities", r.members().get(i), "grade",
                        grades.get(i)));
            }
            out.put("members", members);
            Sanity.disagreement(grades).ifPresent(warnings::add);
            warnings.forEach(w -> LOG.warn(w));
            out.put("warnings", warnings);
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        }
        return ExitCodes.OK;
    }
}
