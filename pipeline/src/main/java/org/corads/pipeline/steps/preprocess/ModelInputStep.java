package org.corads.pipeline.steps.preprocess;

import java.io.IOException;
import java.util.List;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.preprocess.CropToLungs;
import org.corads.steps.preprocess.LungMask;
import org.corads.steps.preprocess.LungMasks;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.preprocess.ResampleToSpacing;
import org.corads.steps.preprocess.SampleSlices;
import org.corads.steps.volume.Volume;

/**
 * {@code model-input}: crop to the lungs, fixed depth and normalisation of {@code resampled} with the crop
 * window from {@code lung-mask}, into {@code input.mha} (channel 0 of the classifier input).
 */
public final class ModelInputStep extends BaseStep<ModelInputStep.Params> {

    /**
     * @param marginMm slices at least this far from lung are dropped (10)
     * @param width    in-plane crop (240)
     * @param depth    slices sampled (128)
     * @param huMin    lower clip (−1100)
     * @param huMax    upper clip (300)
     */
    public record Params(double marginMm, int width, int depth, double huMin, double huMax) {
        public static final Params PAPER = new Params(10, 240, 128, -1100, 300);

        /** The whole preprocessing chain (SPEC §2) with this crop, depth and clipping. */
        public Preprocessor chain() {
            return new Preprocessor(ResampleToSpacing.PAPER, ClassicalLungSegmenter.DEFAULT,
                    new CropToLungs(marginMm, width), new SampleSlices(depth), new ClipAndNormalise(huMin, huMax));
        }
    }

    public ModelInputStep() {
        super("model-input", 1, Params.class, List.of("resampled", "lung-mask"), List.of("input.mha"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Volume resampled = VolumeIO.read(files.input("resampled")).volume();
        Volume mask = VolumeIO.read(files.input("lung-mask")).volume();
        LungMask lungs = LungMasks.measure(mask, resampled);
        Preprocessor chain = p.chain();
        CropToLungs crop = chain.crop();
        CropToLungs.Window w = crop.window(resampled.geometry(), lungs.boundingBox());
        Volume input = chain.normalise().apply(chain.sample().apply(crop.apply(resampled, w, p.huMin())));
        VolumeIO.write(input, files.output("input.mha"));
    }
}
