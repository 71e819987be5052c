package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.corads.steps.gate.GateResult;
import org.corads.steps.gate.InputGate;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code check <path>}: the input gate (SPEC §1) as a command. Prints the scan's info JSON and exits 0 when
 * the scan is accepted; exits 2 with one line naming the file and every problem when it is not.
 */
@Command(name = "check", description = "Run the input gate on a scan; exit 2 with the reason when rejected.")
public class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<path>", description = "A .nii/.nii.gz/.mha/.mhd file, a "
            + "DICOM file or series folder.")
    Path path;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        LoadedVolume in = VolumeIO.read(path);
        GateResult gate;
        try {
            gate = InputGate.defaults().admit(in);
        } catch (BadInputException e) {
            throw BadInputException.of(path, e.getMessage());
        }
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ScanInfo.of(in, gate)));
        return ExitCodes.OK;
    }
}
