package org.corads.steps.steps;

import java.io.IOException;
import java.util.List;
import org.corads.steps.core.Step;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ResampleToSpacing;

/** {@code resample}: {@link ResampleToSpacing} of {@code volume} (HU) into {@code resampled.mha}. */
public final class ResampleStep implements Step<ResampleToSpacing> {

    @Override
    public String name() {
        return "resample";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<ResampleToSpacing> paramsType() {
        return ResampleToSpacing.class;
    }

    @Override
    public List<String> inputNames() {
        return List.of("volume");
    }

    @Override
    public List<String> outputNames() {
        return List.of("resampled.mha");
    }

    @Override
    public void run(ResampleToSpacing params, StepFiles files) throws IOException {
        VolumeIO.write(params.apply(VolumeIO.read(files.input("volume")).volume()), files.output("resampled.mha"));
    }
}
