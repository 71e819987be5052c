package org.corads.pipeline.steps.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.VolumeIO;

/**
 * {@code ingest-series}: {@code ingest} for a DICOM series stored as one object per slice under a prefix. The
 * slices ({@code slice/<name>}, any number) are gathered in one folder and read as a series (ordered along the
 * slice normal, not by name); then the same gate and outputs as {@code ingest}.
 */
public final class IngestSeriesStep extends BaseStep<IngestStep.Params> {

    public IngestSeriesStep() {
        super("ingest-series", 1, IngestStep.Params.class, List.of("slice*"), List.of("volume.mha", "gate.json"));
    }

    @Override
    public void run(IngestStep.Params p, StepFiles files) throws IOException {
        Map<String, Path> slices = files.inputs("slice*");
        if (slices.isEmpty()) {
            throw new BadInputException("a DICOM series needs at least one slice object; none was given");
        }
        Path dir = Files.createTempDirectory(files.stateDir(), "series");
        int i = 0;
        for (Path f : slices.values()) {
            Files.copy(f, dir.resolve(String.format("%06d.dcm", i++)));
        }
        IngestStep.write(VolumeIO.read(dir), p, files);
    }
}
