package org.corads.steps.steps;

import java.io.IOException;
import java.util.List;
import org.corads.steps.core.Step;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ClipAndNormalise;

/** {@code clip-normalise}: {@link ClipAndNormalise} of {@code volume} into {@code normalised.mha}. */
public final class ClipNormaliseStep implements Step<ClipAndNormalise> {

    @Override
    public String name() {
        return "clip-normalise";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Class<ClipAndNormalise> paramsType() {
        return ClipAndNormalise.class;
    }

    @Override
    public List<String> inputNames() {
        return List.of("volume");
    }

    @Override
    public List<String> outputNames() {
        return List.of("normalised.mha");
    }

    @Override
    public void run(ClipAndNormalise params, StepFiles files) throws IOException {
        VolumeIO.write(params.apply(VolumeIO.read(files.input("volume")).volume()), files.output("normalised.mha"));
    }
}
