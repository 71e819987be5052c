package org.corads.steps.preprocess;

import java.util.List;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * SPEC §2.6: the classifier input, {@code channels × depth × height × width} float32 (C, z, y, x; x fastest),
 * channel 0 the normalised CT, channel 1 (optional) the lesion map, all on one geometry, which travels with it.
 *
 * @param shape    {C, D, H, W}
 * @param data     values, C-major then z, y, x
 * @param geometry the common geometry of the channels
 */
public record ModelInput(long[] shape, float[] data, Geometry geometry) {

    public ModelInput {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Stacks channel volumes; they must share one geometry. */
    public static ModelInput assemble(List<Volume> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        Geometry g = channels.get(0).geometry();
        int n = channels.get(0).voxelCount();
        float[] data = new float[n * channels.size()];
        for (int c = 0; c < channels.size(); c++) {
            Volume v = channels.get(c);
            if (!v.geometry().approximatelyEquals(g, 1e-6)) {
                throw new IllegalArgumentException(
                        "channel " + c + " has geometry " + v.geometry() + ", unlike channel 0's " + g);
            }
            System.arraycopy(v.toFloats(), 0, data, c * n, n);
        }
        return new ModelInput(new long[]{channels.size(), g.nz(), g.ny(), g.nx()}, data, g);
    }
}
