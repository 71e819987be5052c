package org.corads.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.corads.models.covnet.CovNet;
import org.corads.models.covnet.ResNet50;
import org.corads.models.i3d.I3d;
import org.corads.models.transfer.Inflation;
import org.junit.jupiter.api.Test;

/** Architectures on the DJL PyTorch engine (offline, CPU): parameter counts, shapes, inflation. */
class NetworksTest {

    static long parameters(Block b) {
        long n = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            n += p.getValue().getArray().getShape().size();
        }
        return n;
    }

    @Test
    void fullI3dHasAbout12MillionParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block i3d = I3d.build(1, 1f, 0.5f);
            i3d.initialize(m, DataType.FLOAT32, new Shape(1, 2, 128, 240, 240));
            long n = parameters(i3d);
            System.out.println("I3D (2 input channels, 1 output) parameters: " + n);
            assertThat(n).isBetween(11_500_000L, 12_800_000L);
            assertThat(i3d.getOutputShapes(new Shape[]{new Shape(2, 2, 128, 240, 240)})[0]).isEqualTo(new Shape(2, 1));
        }
    }

    @Test
    void resNet50HasAbout23AndAHalfMillionParametersWithoutTheClassifier() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block r = ResNet50.features(1f);
            r.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            long n = parameters(r);
            System.out.println("ResNet-50 features parameters (3 input channels): " + n);
            assertThat(n).isBetween(23_400_000L, 23_600_000L);
            assertThat(r.getOutputShapes(new Shape[]{new Shape(1, 3, 224, 224)})[0]).isEqualTo(new Shape(1, 2048));
        }
    }

    @Test
    void smallConfigurationsRunForward() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block i3d = I3d.build(5, 0.125f, 0.5f);
            Shape in = new Shape(2, 2, 16, 32, 32);
            i3d.initialize(m, DataType.FLOAT32, in);
            NDArray out = i3d.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 5));
            CovNet cov = new CovNet(1, 0.125f);
            Shape cin = new Shape(2, 1, 4, 32, 32);
            cov.initialize(m, DataType.FLOAT32, cin);
            NDArray c = cov.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, cin)), false)
                    .singletonOrThrow();
            assertThat(c.getShape()).isEqualTo(new Shape(2, 1));
        }
    }

    @Test
    void inflatedKernelOnADepthConstantInputEqualsThe2dConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            NDArray w2d = m.randomNormal(new Shape(4, 3, 3, 3));
            NDArray slice = m.randomNormal(new Shape(1, 3, 9, 9));
            int depth = 3;
            NDArray w3d = m.create(Inflation.inflate(w2d.toFloatArray(), w2d.getShape().getShape(), depth),
                    new Shape(4, 3, depth, 3, 3));
            NDArray volume = slice.expandDims(2).repeat(2, 7); // 1 × 3 × 7 × 9 × 9, constant along depth
            NDArray r2 = Conv2d.conv2d(slice, w2d, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                    .singletonOrThrow();
            NDArray r3 = Conv3d.conv3d(volume, w3d, null, new Shape(1, 1, 1), new Shape(1, 1, 1), new Shape(1, 1, 1), 1)
                    .singletonOrThrow();
            float[] a = r2.toFloatArray();
            float[] b = r3.get(":, :, 3, :, :").toFloatArray(); // an interior slice: no depth padding involved
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-4f));
            }
        }
    }

    @Test
    void rgbWeightsBecomeTheMeanPerInputChannel() {
        float[] rgb = {1, 2, 3, 4, 5, 6};
        assertThat(Inflation.rgbToChannels(rgb, new long[]{1, 3, 2}, 2)).containsExactly(3, 4, 3, 4);
    }

    @Test
    void headsMapOutputsToGradesAndRocScalars() {
        assertThat(Head.CONTINUOUS.target(5)).isEqualTo(1f);
        assertThat(Head.CONTINUOUS.grade(new double[]{0.5})).isEqualTo(3);
        assertThat(Head.CONTINUOUS.grade(new double[]{0.624})).isEqualTo(3);
        assertThat(Head.CONTINUOUS.grade(new double[]{0.626})).isEqualTo(4);
        double[] p = Head.CATEGORICAL.probabilities(new float[]{0, 0, 0, 0, 10});
        assertThat(Head.CATEGORICAL.grade(p)).isEqualTo(5);
        assertThat(Head.CATEGORICAL.rocScalar(new double[]{0, 0, 1, 0, 0})).isEqualTo(0.5);
        assertThat(Head.CATEGORICAL.rocScalar(new double[]{0.5, 0, 0, 0, 0.5})).isEqualTo(0.5);
    }
}
