package org.corads.pipeline.steps.preprocess;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.List;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.ClipAndNormalise;
import org.corads.steps.preprocess.CropToLungs;
import org.corads.steps.preprocess.LungMasks;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.preprocess.ResampleToSpacing;
import org.corads.steps.preprocess.SampleSlices;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * {@code model-input}: the scan ({@code volume}, on its own grid) clipped to the HU window and resampled to
 * 1.5 mm (or a study's own spacing) — clipping before resampling, as SPEC §2 orders it — then cropped to the lungs
 * with the window from {@code lung-mask} (on the same grid), sampled to a fixed depth and normalised, into
 * {@code input.mha} (channel 0 of the classifier input).
 */
public final class ModelInputStep extends BaseStep<ModelInputStep.Params> {

    /**
     * @param marginMm  slices at least this far from lung are dropped (10)
     * @param width     in-plane crop (240)
     * @param depth     slices sampled (128)
     * @param huMin     lower clip (−1100)
     * @param huMax     upper clip (300)
     * @param spacingMm grid spacing of resampling and lung mask; {@code null} is the paper's 1.5 mm (left out of
     *                      the parameters' JSON, so that the cache keys of paper-spacing steps are those they always
     *                      were)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Params(double marginMm, int width, int depth, double huMin, double huMax, Double spacingMm) {
        public static final Params PAPER = new Params(10, 240, 128, -1100, 300);
        /** The crop's field of view in the paper: 240 voxels of 1.5 mm. */
        public static final double FIELD_OF_VIEW_MM = 240 * 1.5;

        public Params {
            if (spacingMm != null && spacingMm == ResampleToSpacing.PAPER.spacingMm()) {
                spacingMm = null;
            }
        }

        /** At the paper's spacing. */
        public Params(double marginMm, int width, int depth, double huMin, double huMax) {
            this(marginMm, width, depth, huMin, huMax, null);
        }

        /** The grids a study or a command may resample to: 0.5–6 mm. */
        public static boolean isSupportedSpacing(double spacingMm) {
            return spacingMm >= 0.5 && spacingMm <= 6;
        }

        /**
         * The paper's margin and clipping with {@code depth} slices on the grid {@code spacingMm}, cropped to the
         * paper's field of view ({@link #cropWidth(double)} voxels).
         */
        public static Params onGrid(int depth, double spacingMm) {
            return new Params(PAPER.marginMm(), cropWidth(spacingMm), depth, PAPER.huMin(), PAPER.huMax(), spacingMm);
        }

        /** Whether {@code size} is an in-plane size the crop at {@code spacingMm} pools to: ≥ 8 and a divisor of it. */
        public static boolean fitsCrop(int size, double spacingMm) {
            return size >= 8 && cropWidth(spacingMm) % size == 0;
        }

        /** The crop's width as the rule of {@link #fitsCrop} names it: "240", or "120 (the 360 mm crop at 3.0 mm)". */
        public static String cropDescription(double spacingMm) {
            int crop = cropWidth(spacingMm);
            return crop + (crop == 240 ? "" : " (the 360 mm crop at " + spacingMm + " mm)");
        }

        /** The crop width in voxels that keeps the paper's 360 mm field of view at a spacing. */
        public static int cropWidth(double spacingMm) {
            return (int) Math.round(FIELD_OF_VIEW_MM / spacingMm);
        }

        /** Resampling to this grid's spacing. */
        public ResampleToSpacing resample() {
            return spacingMm == null ? ResampleToSpacing.PAPER : new ResampleToSpacing(spacingMm);
        }

        /** The whole preprocessing chain (SPEC §2) with this grid, crop, depth and clipping. */
        public Preprocessor chain() {
            return new Preprocessor(resample(), ClassicalLungSegmenter.DEFAULT, new CropToLungs(marginMm, width),
                    new SampleSlices(depth), new ClipAndNormalise(huMin, huMax));
        }
    }

    public ModelInputStep() {
        super("model-input", 2, Params.class, List.of("volume", "lung-mask"), List.of("input.mha"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Volume volume = VolumeIO.read(files.input("volume")).volume();
        Volume mask = VolumeIO.read(files.input("lung-mask")).volume();
        Preprocessor chain = p.chain();
        Geometry grid = chain.resample().outputGeometry(volume.geometry());
        if (!grid.equals(mask.geometry())) {
            throw new InvalidSpecException("model-input: lung-mask is on " + mask.geometry() + ", the scan resampled "
                    + "to " + chain.resample().spacingMm() + " mm is on " + grid);
        }
        CropToLungs.Window w = chain.crop().window(grid, LungMasks.boundingBox(mask));
        VolumeIO.write(chain.modelInputOf(volume, w), files.output("input.mha"));
    }
}
