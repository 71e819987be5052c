package org.corads.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.PreprocessPlans;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.volume.Volume;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached preprocessing steps through storage give what the in-process chain gives. */
class PreprocessPlanTest {
    @TempDir
    Path dir;

    @Test
    void preprocessingStepsMatchTheInProcessChainAndAreCached() throws Exception {
        ObjectStore store = S3TestServer.freshStore("prep");
        Path src = SharedData.ct("chest-ct-01-small.nii.gz");
        S3Uri scan = new S3Uri(store.config().buckets().scans(), "ct-small.nii.gz");
        store.putFile(scan, src, "application/gzip");
        InProcessStepExecutor ex = new InProcessStepExecutor(new StepCache(() -> store), StepRegistry.standard(),
                dir.resolve("s"));
        DagRunner runner = new DagRunner(new StepCache(() -> store), StepRegistry.standard(), ex::execute);
        RunPlan plan = new RunPlan(null, PreprocessPlans.forScan("ct1", scan.toString()));
        RunDocument first = runner.run(plan);
        assertThat(first.computed()).isEqualTo(4);
        RunDocument second = runner.run(plan);
        assertThat(second.cacheHits()).isEqualTo(4);
        assertThat(ex.computations("model-input")).isEqualTo(1);

        Path got = dir.resolve("input.mha");
        store.getFile(S3Uri.parse(first.outcomes().get("ct1/model-input").outputs().get("input.mha").uri()), got, null);
        Volume expected = Preprocessor.PAPER.run(VolumeIO.read(src).volume()).input();
        Volume actual = VolumeIO.read(got).volume();
        assertThat(actual.geometry().size()).containsExactly(240, 240, 128);
        assertThat(actual.sameVoxelsAndGeometry(expected)).isTrue();
    }
}
