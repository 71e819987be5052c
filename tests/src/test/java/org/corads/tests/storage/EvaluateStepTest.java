package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.steps.evaluation.EvaluateStep;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.core.StepSpec;
import org.corads.testkit.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached {@code evaluate} step through storage. */
class EvaluateStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void evaluateIsCachedAndRejectsMalformedPredictions() throws Exception {
        ObjectStore store = S3TestServer.freshStore("eval");
        InProcessStepExecutor ex = new InProcessStepExecutor(new StepCache(() -> store), StepRegistry.standard(), dir);
        StringBuilder csv = new StringBuilder("scan_id,patient_id,label,model,score\n");
        for (int i = 0; i < 30; i++) {
            csv.append("s").append(i).append(",p").append(i).append(',').append(1 + i % 5).append(",A,")
                    .append((i % 5) / 4.0).append('\n');
        }
        S3Uri good = new S3Uri(store.config().buckets().work(), "predictions/a.csv");
        String digest = store.putBytes(good, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        StepSpec spec = new StepSpec("evaluate", new EvaluateStep().version(),
                JSON.valueToTree(new EvaluateStep.Params(200, 1, null)),
                Map.of("predictions", new StepSpec.InputRef(good.toString(), digest)));
        StepOutcome first = ex.execute(spec);
        assertThat(first.status()).as(first.error()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(first.outputs()).containsKeys("metrics.json", "report.html", "roc.png", "confusion.svg");
        assertThat(ex.execute(spec).status()).isEqualTo(StepOutcome.Status.CacheHit);
        assertThat(JSON.readTree(store.getBytes(S3Uri.parse(first.outputs().get("metrics.json").uri()))).get("models")
                .get("A").get("qwk").asDouble()).isEqualTo(1.0);

        S3Uri bad = new S3Uri(store.config().buckets().work(), "predictions/bad.csv");
        String badDigest = store.putBytes(bad,
                "scan_id,patient_id,label,model,score\ns1,p1,3,A,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        StepOutcome failed = ex.execute(
                new StepSpec("evaluate", new EvaluateStep().version(), JSON.valueToTree(EvaluateStep.Params.PAPER),
                        Map.of("predictions", new StepSpec.InputRef(bad.toString(), badDigest))));
        assertThat(failed.status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(failed.badInput()).isTrue();
        assertThat(failed.error()).contains("line 2: score 2 is outside [0, 1]");
    }
}
