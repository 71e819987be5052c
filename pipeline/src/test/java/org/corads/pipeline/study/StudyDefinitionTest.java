package org.corads.pipeline.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.models.Head;
import org.corads.pipeline.app.Yaml;
import org.corads.pipeline.exec.ExecutorSettings;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Study files: the paper's defaults, typed choices, and one exact line for each kind of mistake. */
class StudyDefinitionTest {
    private static final Path FILE = Path.of("s.yaml");
    private static final String DATA = "dataset: {synthetic: {scans: 10}}\n";

    private static StudyDefinition parse(String yaml) {
        return StudyDefinition.parse(yaml.getBytes(StandardCharsets.UTF_8), FILE);
    }

    @Test
    void onlyTheDatasetIsRequiredAndEverythingElseIsThePapers() {
        StudyDefinition s = parse(DATA);
        assertThat(s.arms()).extracting(StudyDefinition.Arm::name).containsExactly("3d-full", "2d-full",
                "3d-no-pretraining", "3d-no-lesion-map", "3d-categorical");
        assertThat(s.arms()).allSatisfy(a -> assertThat(a.seeds()).isEqualTo(10));
        assertThat(s.arms().get(4).head()).isEqualTo(Head.CATEGORICAL);
        assertThat(s.arms().get(1).dimensionality()).isEqualTo(Dimensionality.TWO_D);
        assertThat(s.dataset().lesionMaps()).isEqualTo(LesionMaps.GROUND_TRUTH);
        assertThat(s.dataset().synthetic().resolution()).isEqualTo(SynthConfig.Resolution.FAST);
        assertThat(s.preprocessing().depth()).isEqualTo(128);
        assertThat(s.preprocessing().size()).isEqualTo(240);
        assertThat(s.preprocessing().spacingMm()).isEqualTo(1.5);
        assertThat(s.training().iterations()).isEqualTo(30000);
        assertThat(s.training().patience()).isEqualTo(10000);
        assertThat(s.evaluation().iterations()).isEqualTo(1000);
        assertThat(s.evaluation().reference()).isEqualTo("3d-full");
    }

    @Test
    void aSyntheticCohortMayTestMoreOfItsScansAndTheStandardSharesStayTheDefault() {
        StudyDefinition s = parse("dataset: {synthetic: {scans: 300, seed: 5, fractions: {train: 0.4, validation: 0.1,"
                + " test: 0.5}}}\n");
        Map<String, Integer> perSplit = new TreeMap<>();
        new SyntheticCohort(300, 5, SynthConfig.DEFAULT).plannedRows(s.dataset().synthetic().splits())
                .forEach(r -> perSplit.merge(r.split(), 1, Integer::sum));
        assertThat(perSplit).containsEntry("train", 120).containsEntry("validation", 30).containsEntry("test", 150);
        assertThat(parse(DATA).dataset().synthetic().fractions()).isNull();
        assertThat(parse(DATA).dataset().synthetic().splits()).isEqualTo(Splits.standard(2026));
        StudyDefinition standard = parse(
                "dataset: {synthetic: {scans: 10, fractions: {train: 0.6, validation: 0.2, test: 0.2}}}\n");
        assertThat(standard.dataset().synthetic().fractions()).isNull(); // the same cohort, the same place in the bucket
    }

    @Test
    void choicesAreReadAsTheirLabelsInAnyCase() {
        StudyDefinition s = parse("""
                dataset: {synthetic: {scans: 10, resolution: full}, lesionMaps: MODEL}
                arms:
                  - {name: a, dimensionality: 2D, head: Categorical}
                """);
        assertThat(s.dataset().lesionMaps()).isEqualTo(LesionMaps.MODEL);
        assertThat(s.dataset().synthetic().resolution()).isEqualTo(SynthConfig.Resolution.FULL);
        assertThat(s.arms().get(0).dimensionality()).isEqualTo(Dimensionality.TWO_D);
        assertThat(s.arms().get(0).head()).isEqualTo(Head.CATEGORICAL);
    }

    @Test
    void brokenYamlIsNamedWithItsLineAndColumn() {
        assertThatThrownBy(() -> parse(DATA + "arms: [{name: a\n  - x\n")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s.yaml: is not valid YAML (line ").hasMessageContaining(", column ");
    }

    @Test
    void theBundledStudiesAreValidThePapersOnItsGridTheDemosOnTheCoarseOne() throws Exception {
        Path studies = Path.of("..", "datasets", "studies");
        StudyDefinition paper = StudyDefinition.read(studies.resolve("paper.yaml"));
        assertThat(paper.preprocessing().spacingMm()).isEqualTo(1.5);
        assertThat(StudyPlanner.modelInput(paper).width()).isEqualTo(240);
        StudyDefinition demo = StudyDefinition.read(studies.resolve("demo.yaml"));
        assertThat(demo.preprocessing().spacingMm()).isEqualTo(6.0);
        assertThat(StudyPlanner.modelInput(demo).width()).isEqualTo(60);
        assertThat(demo.preprocessing().size()).isEqualTo(30);
        assertThat(demo.dataset().lesionMaps()).isEqualTo(LesionMaps.MODEL);
        assertThat(demo.dataset().synthetic().fractions().test()).isEqualTo(0.6);
    }

    @Test
    void aStudyMayChooseItsOwnExecutorAndWhichStepKindsRunAsJobs() {
        StudyDefinition s = parse(DATA + "executor: {kind: Kubernetes, remoteSteps: [pretrain, train]}\n");
        assertThat(s.executor().choice().kind()).isEqualTo(ExecutorSettings.Kind.KUBERNETES);
        assertThat(s.executor().choice().runsInProcess("train")).isFalse();
        assertThat(s.executor().choice().runsInProcess("resample")).isTrue();
        assertThat(parse(DATA).executor()).isNull();
        assertThat(parse(DATA + "executor: {kind: kubernetes}\n").executor().choice().runsInProcess("resample"))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | arms:\\n  - {name: a, dimensionality: 3d, colour: red}      | s.yaml: unknown key 'arms[0].colour' (line 3, column 47); known here: [dimensionality, head, lesionChannel, name, pretraining, seeds]
            negative seeds      | seeds: -1                                                | s.yaml: field 'seeds' must be a positive number, got -1
            unknown arm family  | arms:\\n  - {name: a, dimensionality: 4d}                | s.yaml: field 'arms[0].dimensionality' must be one of 3d, 2d, got '4d' (line 3, column 31)
            unknown lesion maps | dataset: {synthetic: {scans: 10}, lesionMaps: oracle}   | s.yaml: field 'dataset.lesionMaps' must be one of model, ground-truth, none, got 'oracle' (line 1, column 47)
            unknown head        | arms:\\n  - {name: a, dimensionality: 3d, head: ordinal} | s.yaml: field 'arms[0].head' must be one of continuous, categorical, got 'ordinal' (line 3, column 41)
            unknown resolution  | dataset: {synthetic: {scans: 10, resolution: HUGE}}     | s.yaml: field 'dataset.synthetic.resolution' must be one of full, fast, got 'HUGE' (line 1, column 46)
            missing family      | arms:\\n  - {name: a}                                    | s.yaml: field 'arms[0].dimensionality' must be one of 3d, 2d
            lesion arm, no maps | dataset: {synthetic: {scans: 10}, lesionMaps: none}\\narms:\\n  - {name: a, dimensionality: 3d} | s.yaml: field 'arms[0].lesionChannel' needs lesion maps, but dataset.lesionMaps is none
            size not a divisor  | preprocessing: {size: 100}                               | s.yaml: field 'preprocessing.size' must be a divisor of 240 and ≥ 8
            size, coarse grid   | preprocessing: {spacingMm: 3, size: 80}                  | s.yaml: field 'preprocessing.size' must be a divisor of 120 (the 360 mm crop at 3.0 mm) and ≥ 8
            spacing too fine    | preprocessing: {spacingMm: 0.1}                          | s.yaml: field 'preprocessing.spacingMm' must be 0.5–6 mm
            fractions, sum      | dataset: {synthetic: {scans: 10, fractions: {train: 0.5, validation: 0.2, test: 0.2}}} | s.yaml: field 'dataset.synthetic.fractions' needs train, validation and test, each > 0, summing to 1; got 0.5, 0.2, 0.2
            fractions, no test  | dataset: {synthetic: {scans: 10, fractions: {train: 0.8, validation: 0.2}}} | s.yaml: field 'dataset.synthetic.fractions' needs train, validation and test, each > 0, summing to 1; got 0.8, 0.2, null
            repeated arm        | arms:\\n  - {name: a, dimensionality: 3d}\\n  - {name: a, dimensionality: 2d} | s.yaml: field 'arms[1].name' repeats arm 'a'
            unknown reference   | evaluation: {reference: nope}                            | s.yaml: field 'evaluation.reference' names no arm of this study
            U-Net patch         | lesionModel: {levels: 3, patch: 30}                      | s.yaml: field 'lesionModel.patch' must be a positive multiple of 4
            unknown executor    | executor: {kind: slurm}                                  | s.yaml: field 'executor.kind' must be one of in-process, kubernetes, got 'slurm' (line 2, column 18)
            executor, no kind   | executor: {remoteSteps: [train]}                         | s.yaml: field 'executor.kind' must be one of in-process, kubernetes
            unknown remote step | executor: {kind: kubernetes, remoteSteps: [train, trian]} | s.yaml: field 'executor.remoteSteps[1]' names no step kind: 'trian'; known: [clip-normalise, compare-arms, dataset, ensemble, evaluate, grade, grade-scan, ingest, ingest-series, lesion-channel, lesion-segmentation, lesion-train, lung-mask, model-case, model-input, pretrain, qc-montage, resample, train]
            list for a mapping  | dataset: {synthetic: [10, 7]}                            | s.yaml: field 'dataset.synthetic': expected a mapping (key: value), got a list (line 1, column 22)
            text for a number   | seeds: ten                                               | s.yaml: field 'seeds': expected a whole number, got 'ten' (line 2, column 8)
            remote, in process  | executor: {kind: in-process, remoteSteps: [train]}      | s.yaml: field 'executor.remoteSteps' applies to kind kubernetes only
            """)
    void aMistakeGivesOneLineNamingTheField(String name, String yaml, String message) {
        String body = yaml.replace("\\n", "\n");
        String doc = body.startsWith("dataset:") ? body : DATA + body;
        assertThatThrownBy(() -> parse(doc)).isInstanceOf(BadInputException.class).hasMessage(message);
    }

    @Test
    void aStudyWithoutADatasetOrWithBothKindsIsRefused() {
        assertThatThrownBy(() -> parse("name: x\n"))
                .hasMessageStartingWith("s.yaml: field 'dataset': give exactly one");
        assertThatThrownBy(() -> parse("dataset: {manifest: 's3://b/m.csv', synthetic: {scans: 3}}\n"))
                .hasMessageStartingWith("s.yaml: field 'dataset': give exactly one");
        assertThatThrownBy(() -> parse("")).hasMessage("s.yaml: is empty; a study needs at least 'dataset'");
    }

    @Test
    void expansionBombsDeepNestingAndRepeatedKeysAreRefusedInOneLine() {
        StringBuilder bomb = new StringBuilder(DATA + "x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        for (int level = 1; level < 8; level++) {
            bomb.append("x").append(level).append(": &a").append(level).append(" [")
                    .append(("*a" + (level - 1) + ", ").repeat(8)).append("*a").append(level - 1).append("]\n");
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> parse(bomb.toString())).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s.yaml: ").hasMessageNotContaining("\n");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse").isLessThan(5);
        String aliases = DATA + "arms:\n  - &m {name: a, dimensionality: 3d}\n" + "  - *m\n".repeat(30);
        // an alias is never expanded into the collection it names, so no alias can make a document grow
        assertThatThrownBy(() -> parse(aliases)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("field 'arms[1]': expected a mapping (key: value), got text");
        assertThatThrownBy(() -> Yaml.strict().readTree("a: " + "[".repeat(40) + "]".repeat(40) + "\n"))
                .hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> parse(DATA + "seeds: 2\nseeds: 3\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Duplicate field 'seeds'");
    }

    @Test
    void anExternalTestSetIsAnotherManifestInTheBucket() {
        String m = "dataset: {manifest: s3://scans/a/manifest.csv, external: s3://scans/b/manifest.csv}\n";
        assertThat(parse(m).dataset().external()).isEqualTo("s3://scans/b/manifest.csv");
        assertThat(parse(DATA).dataset().external()).isNull();
        assertThatThrownBy(() -> parse(m.replace("s3://scans/b/", "s3://scans/a/")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("field 'dataset.external' must not be the study's own");
        assertThatThrownBy(() -> parse(m.replace("s3://scans/b/manifest.csv", "/data/b.csv")))
                .hasMessageContaining("field 'dataset.external' must be an s3://…/manifest.csv URI");
    }
}
