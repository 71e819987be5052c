package org.corads.pipeline.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The paper's table from two evaluations: one row per arm of the internal one, external QWK only for CO-RADS. */
class ExternalSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode metrics(String system, int scans, String models) throws Exception {
        return JSON.readTree(
                "{\"labelSystem\": \"" + system + "\", \"scans\": " + scans + ", \"models\": {" + models + "}}");
    }

    @Test
    void oneRowPerArmWithTheIntervalsOfBothSets() throws Exception {
        JsonNode internal = metrics("CORADS", 30, """
                "3d-full": {"auc": 0.898, "auc_ci": [0.775, 0.985], "qwk": 0.695, "qwk_ci": [0.514, 0.802]},
                "2d-full": {"auc": 0.718, "auc_ci": [0.5, 0.91], "qwk": 0.523, "qwk_ci": [0.263, 0.708]}""");
        JsonNode ictcf = metrics("ICTCF", 6, """
                "3d-full": {"auc": 0.75, "auc_ci": [0.25, 1.0]}""");
        String md = ExternalSummary.markdown("s", internal, ictcf);
        assertThat(md).contains("Internal: 30 test scans (CORADS); external: 6 scans (ICTCF).")
                .contains("| model | internal AUC | internal QWK | external AUC |\n|---|---|---|---|\n")
                .contains("| 3d-full | 0.898 (0.775–0.985) | 0.695 (0.514–0.802) | 0.750 (0.250–1.000) |\n")
                .contains("| 2d-full | 0.718 (0.500–0.910) | 0.523 (0.263–0.708) | — |\n")
                .doesNotContain("external QWK");
        JsonNode coRads = metrics("CORADS", 9, """
                "3d-full": {"auc": 0.8, "auc_ci": [0.6, 0.9], "qwk": 0.5, "qwk_ci": [0.2, 0.7]}""");
        assertThat(ExternalSummary.markdown("s", internal, coRads))
                .contains("| model | internal AUC | internal QWK | external AUC | external QWK |")
                .contains("| 0.800 (0.600–0.900) | 0.500 (0.200–0.700) |");
    }
}
