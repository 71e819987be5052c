package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.corads.models.covnet.CovNet;
import org.corads.models.i3d.I3d;
import org.corads.models.transfer.Npz;
import org.corads.models.transfer.Tensor;
import org.corads.models.transfer.WeightImport;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weight files and transfer learning: .npz written by NumPy, .params of a twin network, 2D → 3D inflation. */
class TransferTest {
    static final Path WEIGHTS = Path.of("src/test/resources/weights");

    @TempDir
    Path dir;

    @Test
    void readsNpzFilesWrittenByNumpy() throws Exception {
        Map<String, Tensor> t = Npz.read(WEIGHTS.resolve("numpy-written.npz"));
        assertThat(t.keySet()).containsExactly("conv", "bias", "scalar");
        assertThat(t.get("conv").shape()).containsExactly(2, 3, 2, 2);
        assertThat(t.get("conv").data()[23]).isEqualTo(23f);
        assertThat(t.get("bias").data()).containsExactly(0.5f, -1.25f, 3f);
        assertThat(t.get("scalar").shape()).isEmpty();
        assertThat(t.get("scalar").data()).containsExactly(7f);
        Tensor w = Npz.read(WEIGHTS.resolve("numpy-compressed.npz")).get("w");
        assertThat(w.shape()).containsExactly(2, 5);
        assertThat(w.data()[0]).isEqualTo(-1f);
        assertThat(w.data()[9]).isEqualTo(1f);
    }

    @Test
    void refusesNpzItCannotRead() throws Exception {
        assertThatThrownBy(() -> Npz.read(WEIGHTS.resolve("int-dtype.npz"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("dtype <i4").hasMessageContaining("float32 (<f4)");
        assertThatThrownBy(() -> Npz.read(WEIGHTS.resolve("fortran-order.npz"))).hasMessageContaining("Fortran order");
        Path text = Files.writeString(dir.resolve("weights.npz"), "not a zip");
        assertThatThrownBy(() -> Npz.read(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("weights.npz");
    }

    @Test
    void npzRoundTripsAndNeverOverwrites() throws Exception {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("a", new Tensor(new long[]{2, 2}, new float[]{1, 2, 3, 4}));
        m.put("b", new Tensor(new long[]{3}, new float[]{-1, 0, 1}));
        Path f = dir.resolve("w.npz");
        Npz.write(f, m);
        Map<String, Tensor> back = Npz.read(f);
        assertThat(back.get("a").data()).containsExactly(1, 2, 3, 4);
        assertThat(back.get("b").shape()).containsExactly(3);
        assertThatThrownBy(() -> Npz.write(f, m)).hasMessageContaining("already exists");
    }

    @Test
    void anInflatedKernelOnADepthConstantInputGivesThe2dResponse() throws Exception {
        try (NDManager nd = NDManager.newBaseManager()) {
            Block i3d = I3d.build(1, 0.0625f, 0.5f);
            i3d.initialize(nd, DataType.FLOAT32, new Shape(1, 1, 8, 32, 32));
            String stem = null;
            String cube = null;
            long[] cubeShape = null;
            for (var p : i3d.getParameters()) {
                long[] s = p.getValue().getArray().getShape().getShape();
                if (s.length == 5 && stem == null) {
                    stem = p.getKey();
                } else if (s.length == 5 && s[2] == 3 && cube == null) {
                    cube = p.getKey();
                    cubeShape = s;
                }
            }
            Random r = new Random(3);
            long[] stem2d = {4, 3, 7, 7};
            long[] cube2d = {cubeShape[0], cubeShape[1], 3, 3};
            Map<String, Tensor> file = new LinkedHashMap<>();
            file.put(stem, new Tensor(stem2d, random(r, 4 * 3 * 49)));
            file.put(cube, new Tensor(cube2d, random(r, (int) (cube2d[0] * cube2d[1] * 9))));
            Path f = dir.resolve("imagenet-like.npz");
            Npz.write(f, file);

            WeightImport.Report rep = WeightImport.apply(i3d, Npz.read(f), f, true);
            assertThat(rep.copied()).isEqualTo(2);
            assertThat(rep.inflated()).isEqualTo(2);
            assertThat(rep.channelMapped()).isEqualTo(1);

            // a general layer: 3³ kernel inflated from 3², input constant along depth
            // → the 2D response (interior slices)
            NDArray w3 = param(i3d, cube);
            NDArray w2 = nd.create(file.get(cube).data(), new Shape(cube2d));
            NDArray slice = nd.create(random(r, (int) cube2d[1] * 12 * 12), new Shape(1, cube2d[1], 12, 12));
            NDArray volume = slice.expandDims(2).repeat(2, 6);
            NDArray out3 = Conv3d
                    .conv3d(volume, w3, null, new Shape(1, 1, 1), new Shape(1, 1, 1), new Shape(1, 1, 1), 1)
                    .singletonOrThrow();
            NDArray out2 = Conv2d.conv2d(slice, w2, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                    .singletonOrThrow();
            assertClose(out3.get(":, :, 3").toFloatArray(), out2.toFloatArray());

            // the stem: RGB → 1 channel by the RGB mean, so the response equals the 2D response
            // to a grey image (x, x, x) / 3
            NDArray ws = param(i3d, stem);
            NDArray grey = nd.create(random(r, 20 * 20), new Shape(1, 1, 20, 20));
            NDArray stemVol = grey.expandDims(2).repeat(2, 9);
            NDArray s3 = Conv3d.conv3d(stemVol, ws, null, new Shape(1, 1, 1), new Shape(3, 3, 3), new Shape(1, 1, 1), 1)
                    .singletonOrThrow();
            NDArray rgb = grey.repeat(1, 3).div(3);
            NDArray s2 = Conv2d.conv2d(rgb, nd.create(file.get(stem).data(), new Shape(stem2d)), null, new Shape(1, 1),
                    new Shape(3, 3), new Shape(1, 1), 1).singletonOrThrow();
            assertClose(s3.get(":, :, 4").toFloatArray(), s2.toFloatArray());
        }
    }

    @Test
    void paramsOfATwinNetworkTransferWithTheHeadLeftInitialised() throws Exception {
        try (NDManager nd = NDManager.newBaseManager()) {
            Block proxy = new CovNet(1, 0.0625f);
            proxy.initialize(nd, DataType.FLOAT32, new Shape(1, 1, 2, 16, 16));
            Path f = dir.resolve("proxy.params");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(f))) {
                proxy.saveParameters(out);
            }
            Map<String, Tensor> w = WeightImport.fromParams(f, new CovNet(1, 0.0625f), new Shape(1, 1, 2, 16, 16), nd);
            Block target = new CovNet(5, 0.0625f);
            target.initialize(nd, DataType.FLOAT32, new Shape(1, 2, 2, 16, 16));
            String first = target.getParameters().get(0).getKey();
            var head = WeightImport.headNames(target);
            assertThat(head).hasSize(2);
            String fc = head.stream().filter(n -> n.endsWith("weight")).findFirst().orElseThrow();
            float[] headBefore = param(target, fc).toFloatArray();
            WeightImport.Report rep = WeightImport.apply(target, w, f, true);
            assertThat(rep.channelMapped()).isEqualTo(1);
            assertThat(rep.keptInitialised()).containsExactlyInAnyOrderElementsOf(head);
            assertThat(param(target, fc).toFloatArray()).containsExactly(headBefore);
            // stem [out, 1, 7, 7] → [out, 2, 7, 7]: both channels carry the CT kernel
            float[] src = w.get(first).data();
            float[] dst = param(target, first).toFloatArray();
            assertThat(dst[0]).isEqualTo(src[0]);
            assertThat(dst[49]).isEqualTo(src[0]);
            String last = target.getParameters().get(target.getParameters().size() - 3).getKey();
            assertThat(param(target, last).toFloatArray()).containsExactly(w.get(last).data());
        }
    }

    @Test
    void mismatchedOrForeignWeightsAreRefusedNamingTheParameter() throws Exception {
        try (NDManager nd = NDManager.newBaseManager()) {
            Block i3d = I3d.build(1, 0.0625f, 0.5f);
            i3d.initialize(nd, DataType.FLOAT32, new Shape(1, 1, 8, 32, 32));
            String stem = i3d.getParameters().get(0).getKey();
            Path f = dir.resolve("w.npz");
            Map<String, Tensor> wrong = Map.of(stem, new Tensor(new long[]{5, 3, 7, 7}, new float[5 * 3 * 49]));
            assertThatThrownBy(() -> WeightImport.apply(i3d, wrong, f, true)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(stem).hasMessageContaining("[5, 3, 7, 7]")
                    .hasMessageContaining("expects [4, 1, 7, 7, 7]");
            Map<String, Tensor> foreign = Map.of("resnet_conv1_weight", new Tensor(new long[]{1}, new float[1]));
            assertThatThrownBy(() -> WeightImport.apply(i3d, foreign, f, true))
                    .hasMessageContaining("no parameter matches");
            Map<String, Tensor> extra = new LinkedHashMap<>(WeightImport.fromBlock(i3d));
            extra.put("someOtherNet_weight", new Tensor(new long[]{1}, new float[1]));
            assertThatThrownBy(() -> WeightImport.apply(i3d, extra, f, true))
                    .hasMessageContaining("do not exist in this network");
        }
    }

    private static NDArray param(Block b, String name) {
        for (var p : b.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static void assertClose(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-3f + 1e-4f * Math.abs(b[i])));
        }
    }
}
