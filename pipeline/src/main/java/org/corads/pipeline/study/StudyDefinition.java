package org.corads.pipeline.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.SynthConfig;
import org.corads.models.Head;
import org.corads.pipeline.app.Yaml;
import org.corads.pipeline.exec.ExecutorChoice;
import org.corads.pipeline.exec.ExecutorSettings;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.io.BadInputException;
import org.corads.steps.preprocess.ResampleToSpacing;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A study (YAML, read with Jackson): the dataset, preprocessing, lesion maps, arms, seeds, training budget and
 * evaluation of the paper's ablation. Every key is optional except the dataset; {@link #resolve} fills the
 * paper's defaults (128 × 240 × 240 inputs, full width, five arms, 10 seeds, 1000 bootstrap iterations).
 * Unknown keys, negative or zero counts, unknown arm values and a missing dataset are refused with one line
 * naming the field.
 *
 * @param name          study name (letters, digits, '-'): where results and models are published
 * @param dataset       where the scans come from
 * @param preprocessing model input size
 * @param training      training budget and widths
 * @param evaluation    bootstrap settings and reference arm
 * @param seeds         members per arm unless an arm says otherwise (10)
 * @param concurrency   independent steps run at once (2)
 * @param arms          the arms (default: the paper's five)
 * @param executor      where its steps run (absent: the deployment's {@code corads.executor.*})
 */
public record StudyDefinition(String name, Dataset dataset, Preprocessing preprocessing, LesionModel lesionModel,
        Training training, Evaluation evaluation, Integer seeds, Integer concurrency, List<Arm> arms,
        Executor executor) {

    /**
     * @param manifest   {@code s3://…/manifest.csv} of an imported dataset
     * @param synthetic  or a synthetic cohort generated (once) by the study
     * @param lesionMaps {@code model}: a 3D U-Net is trained in the study on the ground-truth masks of the
     *                       training and validation scans and segments every scan, its label map becoming channel 1
     *                       (the method); {@code ground-truth}: the masks {@code masks/<scan_id>-lesions.mha} beside
     *                       the
     *                       manifest are channel 1 directly; {@code none}: no lesion channel (arms that need one are
     *                       refused)
     * @param external   {@code s3://…/manifest.csv} of an external test set (absent: none): every scan of it is
     *                       preprocessed and graded by each arm's ensemble and evaluated on its own (the report's
     *                       external table), never used for training, early stopping or the lesion model; its labels
     *                       may be CO-RADS, iCTCF or MosMedData
     */
    public record Dataset(String manifest, Synthetic synthetic, LesionMaps lesionMaps,
            @JsonInclude(JsonInclude.Include.NON_NULL) String external) {
        public Dataset(String manifest, Synthetic synthetic, LesionMaps lesionMaps) {
            this(manifest, synthetic, lesionMaps, null);
        }
    }

    /**
     * @param scans      cohort size
     * @param seed       cohort seed (also the seed of its split assignment)
     * @param resolution FAST or FULL
     * @param fractions  shares of train, validation and test (absent: 0.6, 0.2, 0.2); test scans only need inference,
     *                       so a larger test share narrows the confidence intervals for little extra time
     */
    public record Synthetic(Integer scans, Long seed, SynthConfig.Resolution resolution,
            @JsonInclude(JsonInclude.Include.NON_NULL) Fractions fractions) {
        public Synthetic(Integer scans, Long seed, SynthConfig.Resolution resolution) {
            this(scans, seed, resolution, null);
        }

        /** The cohort's split assignment: these fractions (or the standard ones), seeded with the cohort seed. */
        public Splits splits() {
            return fractions == null ? Splits.standard(seed) : fractions.splits(seed);
        }
    }

    /** Shares of the three splits; each > 0, summing to 1. */
    public record Fractions(Double train, Double validation, Double test) {
        static final Fractions STANDARD = new Fractions(0.6, 0.2, 0.2);

        Splits splits(long seed) {
            return Splits.of(train, validation, test, seed);
        }
    }

    /**
     * The in-study lesion U-Net ({@code lesionMaps: model}).
     *
     * @param levels     U-Net levels (3)
     * @param baseWidth  filters at the top level (8)
     * @param patch      training patch side in voxels (32)
     * @param iterations training iterations (1000)
     * @param window     sliding-window side for segmentation (64)
     * @param overlap    share of a window overlapping the next (0.25; 0 segments fastest)
     * @param trainScans at most this many training-split scans train it (30); the validation split validates
     * @param seed       training seed (1)
     */
    public record LesionModel(Integer levels, Integer baseWidth, Integer patch, Integer iterations, Float learningRate,
            Integer window, Double overlap, Integer trainScans, Long seed) {}

    /**
     * @param depth     slices (128)
     * @param size      in-plane size, a divisor of the crop width (240)
     * @param spacingMm grid of resampling, lung mask and lesion maps (1.5, the paper's); the crop keeps the paper's
     *                      360 mm field of view, so 3 mm crops 120² voxels — for pilots and tests on small inputs
     */
    public record Preprocessing(Integer depth, Integer size, Double marginMm, Double huMin, Double huMax,
            Double spacingMm) {}

    /**
     * @param width3d            I3D width multiplier (1)
     * @param width2d            ResNet-50 width multiplier (1)
     * @param iterations         training iterations per model (30000; early stopping decides)
     * @param pretrainIterations pre-training iterations per dimensionality (5000)
     */
    public record Training(Float width3d, Float width2d, Integer iterations, Integer pretrainIterations,
            Integer validateEvery, Integer patience, Float learningRate, Integer batchSize, Boolean augment,
            Long pretrainSeed) {}

    /** @param iterations bootstrap resamples (1000); @param reference arm the others are compared with (3d-full) */
    public record Evaluation(Integer iterations, Long seed, String reference) {}

    /**
     * @param name           arm name
     * @param dimensionality {@code 3d} (I3D) or {@code 2d} (COVNet)
     * @param pretraining    initialise from the pre-training stage
     * @param lesionChannel  lesion map as channel 1
     * @param head           {@code continuous} or {@code categorical}
     * @param seeds          members of this arm's ensemble (the study's {@code seeds} when absent)
     */
    public record Arm(String name, Dimensionality dimensionality, Boolean pretraining, Boolean lesionChannel, Head head,
            Integer seeds) {
        public boolean threeD() {
            return dimensionality == Dimensionality.THREE_D;
        }
    }

    /**
     * Where the study's steps run, overriding the deployment's configuration for this study only.
     *
     * @param kind        {@code in-process} or {@code kubernetes}
     * @param remoteSteps with {@code kubernetes}: the step kinds that run as Jobs (absent: every kind), e.g.
     *                        {@code [pretrain, train, lesion-train]} for GPU Jobs and the rest in process
     */
    public record Executor(ExecutorSettings.Kind kind, List<String> remoteSteps) {
        /** As the run's executor choice. */
        public ExecutorChoice choice() {
            return new ExecutorChoice(kind, remoteSteps);
        }
    }

    /** The paper's five arms (SPEC §7). */
    public static List<Arm> paperArms() {
        Dimensionality d3 = Dimensionality.THREE_D;
        return List.of(new Arm("3d-full", d3, true, true, Head.CONTINUOUS, null),
                new Arm("2d-full", Dimensionality.TWO_D, true, true, Head.CONTINUOUS, null),
                new Arm("3d-no-pretraining", d3, false, true, Head.CONTINUOUS, null),
                new Arm("3d-no-lesion-map", d3, true, false, Head.CONTINUOUS, null),
                new Arm("3d-categorical", d3, true, true, Head.CATEGORICAL, null));
    }

    private static final ObjectMapper YAML = Yaml.strict();

    /** Reads and resolves a study file. */
    public static StudyDefinition read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "no such study file");
        }
        return parse(Files.readAllBytes(file), file);
    }

    public static StudyDefinition parse(byte[] yaml, Path origin) {
        if (new String(yaml, StandardCharsets.UTF_8).isBlank()) {
            throw BadInputException.of(origin, "is empty; a study needs at least 'dataset'");
        }
        StudyDefinition raw;
        try {
            raw = YAML.readValue(yaml, StudyDefinition.class);
        } catch (JsonProcessingException e) {
            throw BadInputException.of(origin, Yaml.problem(e));
        } catch (IOException e) {
            throw BadInputException.of(origin,
                    "is not a YAML study file: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (YAMLException e) {
            throw BadInputException.of(origin,
                    "is not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (raw == null) {
            throw BadInputException.of(origin, "is empty; a study needs at least 'dataset'");
        }
        return raw.resolve(origin);
    }

    /** This definition with every default filled in and every field checked. */
    public StudyDefinition resolve(Path origin) {
        Checks c = new Checks(origin);
        String n = name == null ? "study" : name;
        c.require(n.matches("[a-z0-9][a-z0-9-]{0,62}"), "name", "must be lower-case letters, digits or '-'");
        if (dataset == null || (dataset.manifest() == null) == (dataset.synthetic() == null)) {
            throw BadInputException.of(origin,
                    "field 'dataset': give exactly one of 'dataset.manifest' (s3://…/manifest.csv)"
                            + " or 'dataset.synthetic'");
        }
        Synthetic syn = null;
        if (dataset.synthetic() != null) {
            Synthetic s = dataset.synthetic();
            Fractions f = s.fractions();
            if (f != null) {
                boolean each = f.train() != null && f.validation() != null && f.test() != null && f.train() > 0
                        && f.validation() > 0 && f.test() > 0;
                c.require(each && Math.abs(f.train() + f.validation() + f.test() - 1) <= 1e-6,
                        "dataset.synthetic.fractions", "needs train, validation and test, each > 0, summing to 1; got "
                                + f.train() + ", " + f.validation() + ", " + f.test());
            }
            syn = new Synthetic(or(s.scans(), 200), or(s.seed(), 2026L),
                    or(s.resolution(), SynthConfig.Resolution.FAST), Fractions.STANDARD.equals(f) ? null : f);
            c.positive(syn.scans(), "dataset.synthetic.scans");
        } else {
            c.require(dataset.manifest().startsWith("s3://") && dataset.manifest().endsWith(".csv"), "dataset.manifest",
                    "must be an s3://…/manifest.csv URI");
        }
        if (dataset.external() != null) {
            c.require(dataset.external().startsWith("s3://") && dataset.external().endsWith(".csv"), "dataset.external",
                    "must be an s3://…/manifest.csv URI");
            c.require(!dataset.external().equals(dataset.manifest()), "dataset.external",
                    "must not be the study's own manifest: an external test set is another cohort");
        }
        LesionMaps lesions = or(dataset.lesionMaps(), LesionMaps.GROUND_TRUTH);
        LesionModel lm = lesionModel == null
                ? new LesionModel(null, null, null, null, null, null, null, null, null)
                : lesionModel;
        lm = new LesionModel(or(lm.levels(), 3), or(lm.baseWidth(), 8), or(lm.patch(), 32), or(lm.iterations(), 1000),
                or(lm.learningRate(), 1e-3f), or(lm.window(), 64), or(lm.overlap(), 0.25), or(lm.trainScans(), 30),
                or(lm.seed(), 1L));
        c.require(lm.overlap() >= 0 && lm.overlap() <= 0.9, "lesionModel.overlap", "must be in [0, 0.9]");
        c.require(lm.levels() >= 1 && lm.levels() <= 6, "lesionModel.levels", "must be 1–6");
        c.positive(lm.baseWidth(), "lesionModel.baseWidth");
        int multiple = 1 << (lm.levels() - 1);
        c.require(lm.patch() % multiple == 0 && lm.patch() > 0, "lesionModel.patch",
                "must be a positive multiple of " + multiple);
        c.require(lm.window() % multiple == 0 && lm.window() > 0, "lesionModel.window",
                "must be a positive multiple of " + multiple);
        c.positive(lm.iterations(), "lesionModel.iterations");
        c.positive(lm.trainScans(), "lesionModel.trainScans");
        c.require(lm.learningRate() > 0, "lesionModel.learningRate", "must be > 0");
        Preprocessing p = preprocessing == null ? new Preprocessing(null, null, null, null, null, null) : preprocessing;
        p = new Preprocessing(or(p.depth(), 128), or(p.size(), 240), or(p.marginMm(), 10.0), or(p.huMin(), -1100.0),
                or(p.huMax(), 300.0), or(p.spacingMm(), ResampleToSpacing.PAPER.spacingMm()));
        c.positive(p.depth(), "preprocessing.depth");
        c.require(ModelInputStep.Params.isSupportedSpacing(p.spacingMm()), "preprocessing.spacingMm",
                "must be 0.5–6 mm");
        c.require(ModelInputStep.Params.fitsCrop(p.size(), p.spacingMm()), "preprocessing.size",
                "must be a divisor of " + ModelInputStep.Params.cropDescription(p.spacingMm()) + " and ≥ 8");
        c.require(p.huMin() < p.huMax(), "preprocessing.huMin", "must be below huMax");
        Training t = training == null
                ? new Training(null, null, null, null, null, null, null, null, null, null)
                : training;
        t = new Training(or(t.width3d(), 1f), or(t.width2d(), 1f), or(t.iterations(), 30000),
                or(t.pretrainIterations(), 5000), or(t.validateEvery(), 100), or(t.patience(), 10000),
                or(t.learningRate(), 1e-4f), or(t.batchSize(), 2), or(t.augment(), true), or(t.pretrainSeed(), 1L));
        c.require(t.width3d() > 0 && t.width2d() > 0, "training.width3d", "widths must be > 0");
        c.positive(t.iterations(), "training.iterations");
        c.positive(t.pretrainIterations(), "training.pretrainIterations");
        c.positive(t.validateEvery(), "training.validateEvery");
        c.positive(t.patience(), "training.patience");
        c.positive(t.batchSize(), "training.batchSize");
        c.require(t.learningRate() > 0, "training.learningRate", "must be > 0");
        List<Arm> a = arms == null ? paperArms() : arms;
        c.require(!a.isEmpty(), "arms", "must list at least one arm");
        int s = or(seeds, 10);
        c.positive(s, "seeds");
        List<Arm> resolved = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            Arm x = a.get(i);
            String f = "arms[" + i + "]";
            c.require(x != null && x.name() != null && x.name().matches("[a-z0-9][a-z0-9-]{0,62}"), f + ".name",
                    "must be lower-case letters, digits or '-'");
            c.require(names.add(x.name()), f + ".name", "repeats arm '" + x.name() + "'");
            c.require(x.dimensionality() != null, f + ".dimensionality",
                    "must be one of " + Yaml.labels(Dimensionality.class));
            Head head = or(x.head(), Head.CONTINUOUS);
            Arm r = new Arm(x.name(), x.dimensionality(), or(x.pretraining(), true), or(x.lesionChannel(), true), head,
                    or(x.seeds(), s));
            c.positive(r.seeds(), f + ".seeds");
            c.require(!r.lesionChannel() || lesions != LesionMaps.NONE, f + ".lesionChannel",
                    "needs lesion maps, but dataset.lesionMaps is none");
            c.require(!r.pretraining() || lesions != LesionMaps.NONE, f + ".pretraining",
                    "the pre-training stage learns lesion load and needs lesion maps, but dataset.lesionMaps is none");
            resolved.add(r);
        }
        Evaluation e = evaluation == null ? new Evaluation(null, null, null) : evaluation;
        e = new Evaluation(or(e.iterations(), 1000), or(e.seed(), 2026L), or(e.reference(), resolved.get(0).name()));
        c.positive(e.iterations(), "evaluation.iterations");
        c.require(names.contains(e.reference()), "evaluation.reference", "names no arm of this study");
        int conc = or(concurrency, 2);
        c.positive(conc, "concurrency");
        Executor ex = executor;
        if (ex != null) {
            c.require(ex.kind() != null, "executor.kind", "must be one of " + Yaml.labels(ExecutorSettings.Kind.class));
            List<String> remote = ex.remoteSteps() == null ? List.of() : new ArrayList<>(ex.remoteSteps());
            Set<String> known = new TreeSet<>(StepRegistry.standard().names());
            for (int i = 0; i < remote.size(); i++) {
                c.require(remote.get(i) != null && known.contains(remote.get(i)), "executor.remoteSteps[" + i + "]",
                        "names no step kind: '" + remote.get(i) + "'; known: " + known);
            }
            c.require(remote.isEmpty() || ex.kind() == ExecutorSettings.Kind.KUBERNETES, "executor.remoteSteps",
                    "applies to kind kubernetes only");
            ex = new Executor(ex.kind(), List.copyOf(remote));
        }
        return new StudyDefinition(n, new Dataset(dataset.manifest(), syn, lesions, dataset.external()), p, lm, t, e, s,
                conc, List.copyOf(resolved), ex);
    }

    public boolean needsLesions() {
        return arms.stream().anyMatch(a -> a.lesionChannel() || a.pretraining());
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }

    private record Checks(Path origin) {
        void require(boolean ok, String field, String what) {
            if (!ok) {
                throw BadInputException.of(origin, "field '" + field + "' " + what);
            }
        }

        void positive(Integer v, String field) {
            require(v != null && v > 0, field, "must be a positive number, got " + v);
        }
    }
}
