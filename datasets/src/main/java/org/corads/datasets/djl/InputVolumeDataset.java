package org.corads.datasets.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;

/**
 * A DJL dataset over preprocessed model inputs ({@code input.mha} files, e.g. a local cache of the
 * {@code model-input} step's outputs): each record is the input as a {@code C × D × H × W} float tensor
 * (one file per channel, stacked) and its regression target {@code (grade − 1) / 4}. Batching, shuffling and
 * prefetching come from DJL's {@link RandomAccessDataset} (use {@code optPrefetchNumber}).
 */
public final class InputVolumeDataset extends RandomAccessDataset {
    private final List<Item> items;

    /**
     * One sample.
     *
     * @param channels one file per channel (channel 0 the CT, channel 1 the lesion map when used)
     * @param grade    CO-RADS grade 1–5
     */
    public record Item(List<Path> channels, int grade) {
        public Item {
            channels = List.copyOf(channels);
            if (grade < 1 || grade > 5) {
                throw new IllegalArgumentException("grade must be 1–5, got " + grade);
            }
        }
    }

    private InputVolumeDataset(Builder b) {
        super(b);
        this.items = List.copyOf(b.items);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Record get(NDManager manager, long index) {
        Item it = items.get((int) index);
        Volume first = VolumeIO.read(it.channels().get(0)).volume();
        int n = first.voxelCount();
        float[] data = new float[n * it.channels().size()];
        System.arraycopy(first.toFloats(), 0, data, 0, n);
        for (int c = 1; c < it.channels().size(); c++) {
            Volume v = VolumeIO.read(it.channels().get(c)).volume();
            if (!v.geometry().approximatelyEquals(first.geometry(), 1e-6)) {
                throw new IllegalArgumentException(it.channels().get(c) + ": geometry differs from channel 0");
            }
            System.arraycopy(v.toFloats(), 0, data, c * n, n);
        }
        int[] s = first.geometry().size();
        NDArray x = manager.create(data, new Shape(it.channels().size(), s[2], s[1], s[0]));
        NDArray y = manager.create(new float[]{(it.grade() - 1) / 4f});
        return new Record(new NDList(x), new NDList(y));
    }

    @Override
    protected long availableSize() {
        return items.size();
    }

    @Override
    public void prepare(Progress progress) {
        // files are local; nothing to download
    }

    /** Builder in DJL style: {@code setItems} required, sampling from the base builder. */
    public static final class Builder extends BaseBuilder<Builder> {
        private final List<Item> items = new ArrayList<>();

        @Override
        protected Builder self() {
            return this;
        }

        public Builder setItems(List<Item> list) {
            items.clear();
            items.addAll(list);
            return this;
        }

        public InputVolumeDataset build() {
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a dataset needs at least one item");
            }
            return new InputVolumeDataset(this);
        }
    }
}
