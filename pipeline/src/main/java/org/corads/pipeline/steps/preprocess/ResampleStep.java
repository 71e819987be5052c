package org.corads.pipeline.steps.preprocess;

import java.io.IOException;
import java.util.List;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ResampleToSpacing;

/** {@code resample}: {@link ResampleToSpacing} of {@code volume} (HU) into {@code resampled.mha}. */
public final class ResampleStep extends BaseStep<ResampleToSpacing> {

    public ResampleStep() {
        super("resample", 1, ResampleToSpacing.class, List.of("volume"), List.of("resampled.mha"));
    }

    @Override
    public void run(ResampleToSpacing params, StepFiles files) throws IOException {
        VolumeIO.write(params.apply(VolumeIO.read(files.input("volume")).volume()), files.output("resampled.mha"));
    }
}
