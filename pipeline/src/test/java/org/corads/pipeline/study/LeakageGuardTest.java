package org.corads.pipeline.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.pipeline.dag.RunPlan;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * The leakage guard passes every plan the planner makes and catches each way a test scan could reach what learns,
 * each made on purpose: a patient in two splits, a test scan among the lesion U-Net's inputs, a learner fed a test
 * scan's preprocessed volume directly, a dataset packed from another manifest, a grade step on the training split;
 * and with an external test set: a patient of it in the study's cohort, a learner fed from its dataset or one of its
 * scans, its dataset packed from the study's manifest.
 */
class LeakageGuardTest {
    private static final String MANIFEST = "s3://scans/c/manifest.csv";
    private static final String STUDY = """
            name: g
            dataset: {synthetic: {scans: 12}, lesionMaps: model}
            seeds: 2
            arms:
              - {name: 3d-full, dimensionality: 3d}
              - {name: 2d-full, dimensionality: 2d}
            """;

    private final List<ManifestRow> rows = new ArrayList<>();
    private final List<StudyPlanner.Scan> scans = new ArrayList<>();

    LeakageGuardTest() {
        String[] splits = {"train", "train", "validation", "test"};
        for (int i = 0; i < 12; i++) {
            rows.add(new ManifestRow("s" + i, "p" + i, "s3://scans/c/s" + i + ".mha", Integer.toString(1 + i % 5),
                    "CORADS", splits[i % 4], null, null));
            scans.add(new StudyPlanner.Scan("s" + i, "s3://scans/c/s" + i + ".mha", "s3://scans/c/masks/s" + i + ".mha",
                    splits[i % 4]));
        }
    }

    private static final String EXTERNAL = "s3://scans/x/manifest.csv";
    private final List<ManifestRow> externalRows = new ArrayList<>();
    private final List<StudyPlanner.Scan> externalScans = new ArrayList<>();

    {
        String[] labels = {"Control", "Mild", "Severe", "Control"};
        for (int i = 0; i < 4; i++) {
            externalRows.add(new ManifestRow("x" + i, "q" + i, "s3://scans/x/x" + i + ".mha", labels[i], "ICTCF",
                    "test", null, null));
            externalScans.add(new StudyPlanner.Scan("x" + i, "s3://scans/x/x" + i + ".mha", null, "external"));
        }
    }

    private StudyRunner.Data withExternal() {
        return new StudyRunner.Data(MANIFEST, scans, rows, new StudyRunner.Data(EXTERNAL, externalScans, externalRows));
    }

    private RunPlan externalPlan() {
        StudyDefinition s = StudyDefinition
                .parse(STUDY.replace("lesionMaps: model", "lesionMaps: model, external: " + EXTERNAL)
                        .getBytes(StandardCharsets.UTF_8), Path.of("g.yaml"));
        StudyRunner.Data d = withExternal();
        return StudyPlanner.plan(s, MANIFEST, scans, d.externalSet(), null, List.of());
    }

    private RunPlan plan() {
        StudyDefinition s = StudyDefinition.parse(STUDY.getBytes(StandardCharsets.UTF_8), Path.of("g.yaml"));
        return StudyPlanner.plan(s, MANIFEST, scans, null);
    }

    private static RunPlan replace(RunPlan p, RunPlan.PlannedStep changed) {
        List<RunPlan.PlannedStep> steps = new ArrayList<>();
        p.steps().forEach(x -> steps.add(x.id().equals(changed.id()) ? changed : x));
        return new RunPlan(p.runId(), steps);
    }

    private static RunPlan.PlannedStep step(RunPlan p, String id) {
        return p.steps().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    private static RunPlan.PlannedStep withInput(RunPlan.PlannedStep s, String name, RunPlan.InputSource in) {
        Map<String, RunPlan.InputSource> inputs = new HashMap<>(s.inputs());
        inputs.put(name, in);
        return new RunPlan.PlannedStep(s.id(), s.step(), s.params(), inputs);
    }

    @Test
    void everyPlanThePlannerMakesPasses() {
        assertThatCode(() -> LeakageGuard.check(plan(), MANIFEST, scans, rows)).doesNotThrowAnyException();
    }

    @Test
    void aPatientWithScansInTestAndTrainingIsTheDatasFault() {
        rows.set(3, new ManifestRow("s3", "p0", "s3://scans/c/s3.mha", "4", "CORADS", "test", null, null));
        assertThatThrownBy(() -> LeakageGuard.check(plan(), MANIFEST, scans, rows))
                .isInstanceOf(BadInputException.class).hasMessageContaining("patient p0 has scans in test and train");
    }

    @Test
    void aTestScanAmongTheLesionUNetsInputsIsCaught() {
        RunPlan p = plan();
        RunPlan.PlannedStep leaky = withInput(step(p, "lesion-model"), "lesions/s3",
                new RunPlan.InputSource("s3://scans/c/masks/s3.mha", null, null));
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, leaky), MANIFEST, scans, rows))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[s3] reach lesion-train");
    }

    @Test
    void aLearnerFedATestScansVolumeDirectlyIsCaught() {
        RunPlan p = plan();
        RunPlan.PlannedStep leaky = withInput(step(p, "arm/3d-full/seed-1/train"), "extra",
                new RunPlan.InputSource(null, "scan/s7/model-input", "input.mha"));
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, leaky), MANIFEST, scans, rows))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[s7] reach train");
    }

    @Test
    void aDatasetPackedFromAnotherManifestIsCaught() {
        RunPlan p = plan();
        RunPlan.PlannedStep other = withInput(step(p, "dataset"), "manifest",
                new RunPlan.InputSource("s3://scans/other/manifest.csv", null, null));
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, other), MANIFEST, scans, rows))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the checked " + MANIFEST);
    }

    @Test
    void gradingTheTrainingSplitIsCaught() {
        RunPlan p = plan();
        RunPlan.PlannedStep g = step(p, "arm/2d-full/seed-2/grade");
        ObjectNode params = g.params().deepCopy();
        params.put("split", "train");
        RunPlan.PlannedStep wrong = new RunPlan.PlannedStep(g.id(), g.step(), params, g.inputs());
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, wrong), MANIFEST, scans, rows))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("grades the 'train' split");
    }

    @Test
    void aPlanWithAnExternalTestSetPassesAndGradesItWithEveryMember() {
        RunPlan p = externalPlan();
        assertThatCode(() -> LeakageGuard.check(p, withExternal())).doesNotThrowAnyException();
        assertThat(p.steps().stream().filter(x -> x.id().endsWith("/grade-external")).count()).isEqualTo(4);
        assertThat(step(p, "compare-external").inputs()).containsOnlyKeys("arm/3d-full", "arm/2d-full",
                "members/3d-full", "members/2d-full");
        assertThat(step(p, StudyPlanner.EXTERNAL_DATASET).inputs()).containsKeys("manifest", "case/x0", "case/x3")
                .doesNotContainKey("case/s0");
    }

    @Test
    void aPatientOfTheExternalSetInTheStudysCohortIsTheDatasFault() {
        externalRows.set(1, new ManifestRow("x1", "p4", "s3://scans/x/x1.mha", "Mild", "ICTCF", "test", null, null));
        assertThatThrownBy(() -> LeakageGuard.check(externalPlan(), withExternal()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("patient p4 has scans in external and train (the external test set)");
    }

    @Test
    void aLearnerFedFromTheExternalDatasetIsCaught() {
        RunPlan p = externalPlan();
        RunPlan.PlannedStep leaky = withInput(step(p, "pretrain/3d"), "dataset",
                new RunPlan.InputSource(null, StudyPlanner.EXTERNAL_DATASET, "dataset.bin"));
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, leaky), withExternal()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("learns from the external test set");
    }

    @Test
    void anExternalScanAmongTheLesionUNetsInputsIsCaught() {
        RunPlan p = externalPlan();
        RunPlan.PlannedStep leaky = withInput(step(p, "lesion-model"), "resampled/x2",
                new RunPlan.InputSource(null, "scan/x2/resample", "resampled.mha"));
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, leaky), withExternal()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[x2] reach lesion-train");
    }

    @Test
    void anExternalDatasetPackedFromTheStudysManifestIsCaught() {
        RunPlan p = externalPlan();
        RunPlan.PlannedStep other = withInput(step(p, StudyPlanner.EXTERNAL_DATASET), "manifest",
                new RunPlan.InputSource(MANIFEST, null, null));
        assertThatThrownBy(() -> LeakageGuard.check(replace(p, other), withExternal()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the checked " + EXTERNAL);
    }
}
