package org.corads.datasets.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches of stored model inputs as tensors, on the DJL PyTorch engine (offline, CPU). */
class InputVolumeDatasetTest {
    @TempDir
    Path dir;

    @Test
    void batchesStackChannelsAndTargets() throws Exception {
        List<InputVolumeDataset.Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Geometry g = Geometry.of(6, 5, 3, 1.5, 1.5, 1.5);
            float[] ct = new float[90];
            float[] lesion = new float[90];
            Arrays.fill(ct, i / 10f);
            lesion[7] = 1;
            Path a = dir.resolve("ct" + i + ".mha");
            Path b = dir.resolve("lesion" + i + ".mha");
            VolumeIO.write(Volume.adoptFloats(g, ct), a);
            VolumeIO.write(Volume.adoptFloats(g, lesion), b);
            items.add(new InputVolumeDataset.Item(List.of(a, b), i + 1));
        }
        InputVolumeDataset ds = InputVolumeDataset.builder().setItems(items).setSampling(2, false).optPrefetchNumber(2)
                .build();
        try (NDManager m = NDManager.newBaseManager()) {
            List<Float> targets = new ArrayList<>();
            int batches = 0;
            for (Batch b : ds.getData(m)) {
                assertThat(b.getData().singletonOrThrow().getShape().getShape()).containsExactly(2, 2, 3, 5, 6);
                float[] x = b.getData().singletonOrThrow().toFloatArray();
                assertThat(x[90 + 7]).isEqualTo(1f); // channel 1 of sample 0, voxel 7
                for (float t : b.getLabels().singletonOrThrow().toFloatArray()) {
                    targets.add(t);
                }
                batches++;
                b.close();
            }
            assertThat(batches).isEqualTo(2);
            assertThat(targets).containsExactly(0f, 0.25f, 0.5f, 0.75f);
        }
    }
}
