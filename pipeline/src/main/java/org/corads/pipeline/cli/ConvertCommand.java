package org.corads.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert <in> <out>}: rewrites a scan as {@code .mha} or {@code .nii.gz} (by extension) with
 * values and geometry unchanged. Never overwrites its input; refuses an existing output unless
 * {@code --force}. The output appears atomically (written to a temporary name, then moved).
 */
@Command(name = "convert", description = "Convert a scan to .mha or .nii(.gz), values and geometry unchanged.")
public class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<in>", description = "A volume: NIfTI (.nii, .nii.gz), MetaImage (.mha, "
            + ".mhd) or a DICOM series folder.")
    Path in;

    @Parameters(index = "1", paramLabel = "<out>", description = "Output file ending in .mha, .mhd, .nii or .nii.gz.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && Files.isSameFile(in, out)) {
            throw BadInputException.of(out, "output is the input; choose another output file");
        }
        Outputs.refuseOverwrite(out, force);
        LoadedVolume v = VolumeIO.read(in);
        VolumeIO.write(v.volume(), out);
        for (String w : v.warnings()) {
            System.err.println("warning: " + w);
        }
        System.out.println("{\"written\": \""
                + out.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        return ExitCodes.OK;
    }
}
