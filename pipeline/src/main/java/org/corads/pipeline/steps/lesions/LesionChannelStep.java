package org.corads.pipeline.steps.lesions;

import java.io.IOException;
import java.util.List;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.CropToLungs;
import org.corads.steps.preprocess.LesionChannel;
import org.corads.steps.preprocess.LungMasks;
import org.corads.steps.preprocess.Preprocessor;
import org.corads.steps.volume.Volume;

/**
 * {@code lesion-channel}: channel 1 of the classifier input (SPEC §3) from a lesion label map on the scan's
 * grid (labels 1 GGO and 2 consolidation, or a probability map): resampled to the 1.5 mm grid of {@code lung-mask}
 * (trilinear), binarised at 0.5, then cropped and sampled exactly like {@code model-input} with the same
 * parameters, so the two channels align voxel for voxel. Output {@code lesion.mha} (FLOAT32, 0/1). Version 2 reads
 * the grid and the crop from the lung mask alone and interpolates only the voxels the model grid keeps (the same
 * values as version 1, which resampled the whole map and also read the resampled CT).
 */
public final class LesionChannelStep extends BaseStep<ModelInputStep.Params> {

    public LesionChannelStep() {
        super("lesion-channel", 2, ModelInputStep.Params.class, List.of("lesions", "lung-mask"), List.of("lesion.mha"));
    }

    @Override
    public void run(ModelInputStep.Params p, StepFiles files) throws IOException {
        Volume lesions = VolumeIO.read(files.input("lesions")).volume();
        Volume mask = VolumeIO.read(files.input("lung-mask")).volume();
        Preprocessor chain = p.chain();
        CropToLungs.Window w = chain.crop().window(mask.geometry(), LungMasks.boundingBox(mask));
        VolumeIO.write(LesionChannel.onModelGrid(lesions, mask.geometry().spacingMm()[0], chain, w),
                files.output("lesion.mha"));
    }
}
