package org.corads.steps.preprocess;

import java.util.LinkedHashMap;
import java.util.Map;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * The preprocessing chain of SPEC §2 on a CT in HU: resample to 1.5 mm (§2.2) and find the lungs on it (§2.3);
 * the model input is the CT clipped to the HU window (§2.1) and then resampled — clipping first, as the SPEC
 * orders it, which differs from clipping the resampled HU where bone or the scanner's padding meets the window —
 * cropped to the lungs (§2.4), sampled to a fixed depth (§2.5) and normalised. Cropping and sampling run on
 * clipped HU (padding with the lower clip bound, which normalises to 0 = air) before the pointwise
 * normalisation, which gives the same values as normalising first on far fewer voxels.
 *
 * @param resample  resampling transform
 * @param segmenter lung segmenter
 * @param crop      lung crop
 * @param sample    fixed-depth sampling
 * @param normalise HU clip and normalisation
 */
public record Preprocessor(ResampleToSpacing resample, LungSegmenter segmenter, CropToLungs crop, SampleSlices sample,
        ClipAndNormalise normalise) {

    public static final Preprocessor PAPER = new Preprocessor(ResampleToSpacing.PAPER, ClassicalLungSegmenter.DEFAULT,
            CropToLungs.PAPER, SampleSlices.PAPER, ClipAndNormalise.PAPER);

    /**
     * Everything the chain produced.
     *
     * @param resampled HU at 1.5 mm, not clipped (the lungs are found on it)
     * @param lungs     lung mask on the resampled grid, with measurements
     * @param window    crop window on the resampled grid
     * @param input     normalised CT, width × width × depth, values in [0, 1]
     * @param timingsMs stage → milliseconds
     */
    public record Result(Volume resampled, LungMask lungs, CropToLungs.Window window, Volume input,
            Map<String, Long> timingsMs) {}

    public Result run(Volume hu) {
        Map<String, Long> t = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Volume resampled = resample.apply(hu);
        t0 = lap(t, "resample", t0);
        LungMask lungs = segmenter.segment(resampled);
        t0 = lap(t, "lungMask", t0);
        CropToLungs.Window w = crop.window(resampled.geometry(), lungs.boundingBox());
        Volume input = modelInputOf(hu, w);
        lap(t, "cropSampleNormalise", t0);
        return new Result(resampled, lungs, w, input, t);
    }

    /**
     * The model input of a CT in HU and a crop window on its resampled grid: clipped and resampled on just the
     * window of the slices the crop samples ({@link ResampleToSpacing#windowSlices}), then normalised — the values of
     * {@link #modelInput} on the whole clipped, resampled volume, without that volume or its crop.
     */
    public Volume modelInputOf(Volume hu, CropToLungs.Window w) {
        float[] window = resample.windowSlices(hu, normalise.huMin(), normalise.huMax(), w.x0(), w.y0(), crop.width(),
                sampledSlices(w));
        return normalise.apply(Volume.adoptFloats(modelGrid(resample.outputGeometry(hu.geometry()), w), window));
    }

    /** The model input's grid: a resampled grid cropped to the window and sampled, as {@link #modelInput} makes it. */
    public Geometry modelGrid(Geometry resampled, CropToLungs.Window w) {
        return sample.geometry(crop.geometry(resampled, w));
    }

    /** The slices of the resampled grid that the model grid keeps for a crop window (in order, may repeat). */
    public int[] sampledSlices(CropToLungs.Window w) {
        int[] zs = new int[sample.depth()];
        for (int k = 0; k < zs.length; k++) {
            zs[k] = w.zFirst() + sample.sourceSlice(k, w.keptSlices());
        }
        return zs;
    }

    /** The model input from the clipped-then-resampled CT and the crop window: crop, sample, normalise. */
    public Volume modelInput(Volume clippedResampled, CropToLungs.Window w) {
        return normalise.apply(sample.apply(crop.apply(clippedResampled, w, normalise.huMin())));
    }

    /** Crops and samples another channel (e.g. the lesion map) exactly like the CT; pads with 0. */
    public Volume channelLike(Volume onResampledGrid, CropToLungs.Window w) {
        return sample.apply(crop.apply(onResampledGrid, w, 0));
    }

    private static long lap(Map<String, Long> t, String name, long t0) {
        long now = System.nanoTime();
        t.put(name, (now - t0) / 1_000_000);
        return now;
    }
}
