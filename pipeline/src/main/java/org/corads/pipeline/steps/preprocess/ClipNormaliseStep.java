package org.corads.pipeline.steps.preprocess;

import java.io.IOException;
import java.util.List;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ClipAndNormalise;

/** {@code clip-normalise}: {@link ClipAndNormalise} of {@code volume} into {@code normalised.mha}. */
public final class ClipNormaliseStep extends BaseStep<ClipAndNormalise> {

    public ClipNormaliseStep() {
        super("clip-normalise", 1, ClipAndNormalise.class, List.of("volume"), List.of("normalised.mha"));
    }

    @Override
    public void run(ClipAndNormalise params, StepFiles files) throws IOException {
        VolumeIO.write(params.apply(VolumeIO.read(files.input("volume")).volume()), files.output("normalised.mha"));
    }
}
