package org.corads.pipeline.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.corads.pipeline.dag.RunPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The planner's DAG, checked against what the study says: ids and counts follow from the definition. */
class StudyPlannerTest {
    private static final String STUDY = """
            name: p
            dataset: {synthetic: {scans: 12}, lesionMaps: %s}
            seeds: 2
            arms:
              - {name: 3d-full, dimensionality: 3d}
              - {name: 2d-full, dimensionality: 2d, seeds: 3}
              - {name: 3d-no-pretraining, dimensionality: 3d, pretraining: false}
              - {name: 3d-no-lesion-map, dimensionality: 3d, lesionChannel: false}
            """;

    private static List<StudyPlanner.Scan> scans(int n) {
        List<StudyPlanner.Scan> s = new ArrayList<>();
        String[] splits = {"train", "train", "validation", "test"};
        for (int i = 0; i < n; i++) {
            s.add(new StudyPlanner.Scan("s" + i, "s3://scans/c/s" + i + ".mha", "s3://scans/c/masks/s" + i + ".mha",
                    splits[i % 4]));
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(value = LesionMaps.class, names = {"MODEL", "GROUND_TRUTH"})
    void everyScanArmAndSeedHasItsSteps(LesionMaps maps) {
        StudyDefinition s = StudyDefinition.parse(STUDY.formatted(maps).getBytes(StandardCharsets.UTF_8),
                Path.of("p.yaml"));
        List<StudyPlanner.Scan> scans = scans(s.dataset().synthetic().scans());
        RunPlan plan = StudyPlanner.plan(s, "s3://scans/c/manifest.csv", scans, null);
        Map<String, Long> perKind = plan.steps().stream()
                .collect(Collectors.groupingBy(RunPlan.PlannedStep::step, Collectors.counting()));
        Map<String, RunPlan.PlannedStep> byId = plan.steps().stream()
                .collect(Collectors.toMap(RunPlan.PlannedStep::id, Function.identity()));

        int members = s.arms().stream().mapToInt(StudyDefinition.Arm::seeds).sum();
        long pretrainedFamilies = s.arms().stream().filter(StudyDefinition.Arm::pretraining)
                .map(StudyDefinition.Arm::dimensionality).distinct().count();
        for (String perScan : List.of("ingest", "resample", "lung-mask", "model-input", "lesion-channel",
                "model-case")) {
            assertThat(perKind.get(perScan)).as(perScan).isEqualTo(scans.size());
        }
        boolean model = maps == LesionMaps.MODEL;
        assertThat(perKind.getOrDefault("lesion-segmentation", 0L)).isEqualTo(model ? scans.size() : 0);
        assertThat(perKind.getOrDefault("lesion-train", 0L)).isEqualTo(model ? 1 : 0);
        assertThat(perKind.get("pretrain")).isEqualTo(pretrainedFamilies);
        assertThat(perKind.get("train")).isEqualTo(members);
        assertThat(perKind.get("grade")).isEqualTo(members);
        assertThat(perKind.get("ensemble")).isEqualTo(s.arms().size());
        assertThat(perKind.get("dataset")).isEqualTo(1);
        assertThat(perKind.get("compare-arms")).isEqualTo(1);
        for (StudyDefinition.Arm a : s.arms()) {
            for (int seed = 1; seed <= a.seeds(); seed++) {
                RunPlan.PlannedStep train = byId.get(StudyPlanner.modelId(a.name(), seed) + "/train");
                assertThat(train).as(a.name() + " seed " + seed).isNotNull();
                assertThat(train.inputs().containsKey("init/params")).isEqualTo(a.pretraining());
                if (a.pretraining()) {
                    assertThat(train.inputs().get("init/params").from()).isEqualTo("pretrain/" + a.dimensionality());
                }
            }
        }
        // each arm's ensemble predictions and its members' grades (the per-seed spread)
        assertThat(byId.get("compare").inputs()).hasSize(2 * s.arms().size());
        assertThat(plan.topologicalOrder()).hasSize(plan.steps().size());
    }

    @ParameterizedTest
    @EnumSource(value = LesionMaps.class, names = {"MODEL", "GROUND_TRUTH"})
    void theLesionChannelComesFromTheSegmentationOrTheMask(LesionMaps maps) {
        StudyDefinition s = StudyDefinition.parse(STUDY.formatted(maps).getBytes(StandardCharsets.UTF_8),
                Path.of("p.yaml"));
        RunPlan plan = StudyPlanner.plan(s, "s3://scans/c/manifest.csv", scans(4), null);
        RunPlan.InputSource lesions = plan.steps().stream().filter(p -> p.id().equals("scan/s3/lesion-channel"))
                .findFirst().orElseThrow().inputs().get("lesions");
        if (maps == LesionMaps.MODEL) {
            assertThat(lesions.from()).isEqualTo("scan/s3/lesion-segmentation");
            RunPlan.PlannedStep unet = plan.steps().stream().filter(p -> p.step().equals("lesion-train")).findFirst()
                    .orElseThrow();
            // the U-Net learns from training scans and validates on validation scans: never a test scan (s3)
            assertThat(unet.inputs().keySet()).noneMatch(k -> k.endsWith("/s3"));
        } else {
            assertThat(lesions.uri()).isEqualTo("s3://scans/c/masks/s3.mha");
        }
    }

    @Test
    void theGridSpacingReachesEveryStepThatWorksOnTheGridAndThePaperSpacingKeepsItsParameters() {
        RunPlan paper = plan(STUDY.formatted("model"));
        assertThat(params(paper, "scan/s0/resample").toString()).isEqualTo("{\"spacingMm\":1.5}");
        // the paper's spacing is left out of the model input's parameters: the keys of earlier caches still hold
        assertThat(params(paper, "scan/s0/model-input").has("spacingMm")).isFalse();
        assertThat(params(paper, "scan/s0/model-input").get("width").asInt()).isEqualTo(240);

        RunPlan coarse = plan(STUDY.formatted("model") + "preprocessing: {spacingMm: 3, size: 30}\n");
        assertThat(params(coarse, "scan/s0/resample").get("spacingMm").asDouble()).isEqualTo(3.0);
        for (String id : List.of("scan/s0/model-input", "scan/s0/lesion-channel")) {
            JsonNode p = params(coarse, id);
            assertThat(p.get("spacingMm").asDouble()).as(id).isEqualTo(3.0);
            assertThat(p.get("width").asInt()).as(id + ": the 360 mm crop").isEqualTo(120);
        }
        assertThat(params(coarse, "scan/s0/lung-mask")).isEqualTo(params(paper, "scan/s0/lung-mask"));
    }

    private static RunPlan plan(String yaml) {
        StudyDefinition s = StudyDefinition.parse(yaml.getBytes(StandardCharsets.UTF_8), Path.of("p.yaml"));
        return StudyPlanner.plan(s, "s3://scans/c/manifest.csv", scans(4), null);
    }

    private static JsonNode params(RunPlan plan, String id) {
        return plan.steps().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().params();
    }
}
