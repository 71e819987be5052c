package org.corads.pipeline.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;

/** Datasets that cannot carry a study are told apart from those that can, before anything runs. */
class FeasibilityTest {

    static ManifestRow row(String id, String label, String split) {
        return new ManifestRow(id, "p-" + id, "scans/" + id + ".mha", label, "CORADS", split, null, null);
    }

    /** Grades 1–5 in every split: the smallest dataset a study can run on. */
    static List<ManifestRow> fit() {
        List<ManifestRow> rows = new ArrayList<>();
        for (String split : Splits.NAMES) {
            for (int g = 1; g <= 5; g++) {
                rows.add(row(split + g, Integer.toString(g), split));
            }
        }
        return rows;
    }

    @Test
    void aDatasetWithEverySplitAndBothClassesHasNoProblem() {
        assertThat(Feasibility.problems(fit())).isEmpty();
        Feasibility.require(fit(), "m.csv");
    }

    @Test
    void anEmptyTestSplitIsNamedWithTheCounts() {
        List<ManifestRow> rows = new ArrayList<>(fit().stream().filter(r -> !r.split().equals("test")).toList());
        assertThat(Feasibility.problems(rows)).singleElement().asString()
                .contains("the test split is empty (10 scans: 5 train, 5 validation, 0 test)");
        assertThatThrownBy(() -> Feasibility.require(rows, "s3://scans/m.csv")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("the study cannot succeed on s3://scans/m.csv: the test split is empty");
    }

    @Test
    void aTestSplitOfOneClassAndALabelNeverTrainedOnAreProblems() {
        List<ManifestRow> rows = new ArrayList<>(
                fit().stream().filter(r -> !r.split().equals("test") || Integer.parseInt(r.label()) >= 3)
                        .filter(r -> !r.split().equals("train") || !r.label().equals("5")).toList());
        assertThat(Feasibility.problems(rows)).containsExactly(
                "the test split has no negative scan (3 scans): the AUC is undefined",
                "label(s) [5] of the test split never occur in training");
    }

    @Test
    void scansWithoutASplitAndATrainingSplitWithoutPositivesAreProblems() {
        List<ManifestRow> rows = new ArrayList<>(
                fit().stream().filter(r -> !r.split().equals("train") || Integer.parseInt(r.label()) < 3).toList());
        rows.add(row("loose", "3", ""));
        assertThat(Feasibility.problems(rows)).contains(
                "1 scan(s) in no split (loose): import assigns splits, or " + "give a split column",
                "the train split has no positive scan (2 scans): the classifiers cannot " + "learn the task");
    }

    @Test
    void smallSyntheticCohortsAreToldApart() {
        SynthConfig fast = SynthConfig.DEFAULT.withResolution(SynthConfig.Resolution.FAST);
        assertThat(Feasibility.problems(new SyntheticCohort(12, 1, fast).plannedRows(Splits.standard(1)))).isEmpty();
        assertThat(Feasibility.problems(new SyntheticCohort(12, 7, fast).plannedRows(Splits.standard(7))))
                .containsExactly("the test split has no negative scan (2 scans): the AUC is undefined");
        assertThat(Feasibility.problems(new SyntheticCohort(6, 4, fast).plannedRows(Splits.standard(4)))).isNotEmpty();
    }

    @Test
    void anExternalTestSetNeedsScansOfBothClassesWhateverItsSplitsOrLabelSystem() {
        List<ManifestRow> x = new ArrayList<>();
        x.add(new ManifestRow("x1", "q1", "x1.mha", "Control", "ICTCF", "train", null, null));
        x.add(new ManifestRow("x2", "q2", "x2.mha", "Suspected", "ICTCF", null, null, null));
        assertThat(Feasibility.externalProblems(x))
                .containsExactly("the external test set has no positive scan (2 scans): its AUC is undefined");
        x.add(new ManifestRow("x3", "q3", "x3.mha", "Critically ill", "ICTCF", null, null, null));
        assertThat(Feasibility.externalProblems(x)).isEmpty();
        assertThatThrownBy(() -> Feasibility.requireExternal(List.of(), "s3://x/manifest.csv"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("the study cannot succeed on s3://x/manifest.csv: the external test set has no scans");
    }
}
