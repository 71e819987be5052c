package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.corads.steps.gate.GateResult;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code info <path>}: reads a scan and prints its format, geometry and HU statistics as JSON, with the
 * input gate's verdict. Exit 2 when unreadable; a gate failure is reported in the JSON, not as an error
 * ({@code check} is the strict form).
 */
@Command(name = "info", description = "Print format, geometry and HU range of a scan as JSON.")
public class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<path>", description = "A .nii/.nii.gz/.mha/.mhd file, a "
            + "DICOM file or series folder.")
    Path path;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        LoadedVolume in = VolumeIO.read(path);
        GateResult gate = InputGate.defaults().check(in);
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ScanInfo.of(in, gate)));
        return ExitCodes.OK;
    }
}
