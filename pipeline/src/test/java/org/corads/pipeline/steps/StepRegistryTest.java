package org.corads.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.corads.models.unet.SlidingWindow;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepSpec;
import org.junit.jupiter.api.Test;

/** Cache keys over canonical parameters: how a plan spells a value does not change the key, a value does. */
class StepRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepRegistry REGISTRY = StepRegistry.standard();
    private static final Map<String, StepSpec.InputRef> SCAN = Map.of("scan",
            new StepSpec.InputRef("s3://scans/a.mha", "a".repeat(64)));

    private static String key(String params) throws Exception {
        JsonNode p = JSON.readTree(params);
        return REGISTRY.spec("ingest", p, SCAN).cacheKey().hex();
    }

    @Test
    void numbersWrittenDifferentlyGiveOneKey() throws Exception {
        String k = key("{\"minSlices\": 16, \"maxP01Hu\": -900}");
        assertThat(key("{\"minSlices\": 16, \"maxP01Hu\": -900.0}")).isEqualTo(k);
        assertThat(key("{\"maxP01Hu\": -9E2, \"minSlices\": 16}")).isEqualTo(k);
        assertThat(key("{\"minSlices\": 16.0, \"maxP01Hu\": -900}")).isEqualTo(k);
    }

    @Test
    void aValueLeftOutAndItsDefaultWrittenGiveOneKey() throws Exception {
        Map<String, StepSpec.InputRef> in = Map.of("resampled", SCAN.get("scan"), "lung-mask", SCAN.get("scan"),
                "model/params", SCAN.get("scan"), "model/card", SCAN.get("scan"));
        StepSpec omitted = REGISTRY.spec("lesion-segmentation", JSON.readTree("{\"window\": 64}"), in);
        StepSpec written = REGISTRY.spec("lesion-segmentation",
                JSON.readTree("{\"window\": 64, \"overlap\": " + SlidingWindow.DEFAULT_OVERLAP + "}"), in);
        assertThat(written.cacheKey()).isEqualTo(omitted.cacheKey());
        StepSpec other = REGISTRY.spec("lesion-segmentation", JSON.readTree("{\"window\": 64, \"overlap\": 0}"), in);
        assertThat(other.cacheKey()).isNotEqualTo(omitted.cacheKey());
    }

    @Test
    void anotherValueOrAnotherInputGivesAnotherKey() throws Exception {
        String k = key("{\"minSlices\": 16, \"maxP01Hu\": -900}");
        assertThat(key("{\"minSlices\": 17, \"maxP01Hu\": -900}")).isNotEqualTo(k);
        assertThat(key("{\"minSlices\": 16, \"maxP01Hu\": -899.5}")).isNotEqualTo(k);
        JsonNode p = JSON.readTree("{\"minSlices\": 16, \"maxP01Hu\": -900}");
        String other = REGISTRY
                .spec("ingest", p, Map.of("scan", new StepSpec.InputRef("s3://scans/a.mha", "b".repeat(64)))).cacheKey()
                .hex();
        assertThat(other).isNotEqualTo(k);
    }

    @Test
    void parametersThatDoNotFitTheStepAreRefusedNamingIt() {
        assertThatThrownBy(() -> key("{\"minSlices\": 16, \"colour\": 1}")).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("parameters for ingest do not fit");
        assertThatThrownBy(() -> REGISTRY.get("nope")).hasMessageStartingWith("unknown step 'nope'; known: ingest");
    }
}
