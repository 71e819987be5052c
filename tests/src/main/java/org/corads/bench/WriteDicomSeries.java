package org.corads.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.steps.io.VolumeIO;
import org.corads.testkit.DicomSliceWriter;
import org.corads.testkit.SyntheticSeries;

/**
 * Writes a 16-bit scan as a DICOM series (Explicit VR Little Endian, one file per axial slice, its geometry in the
 * slices' position, orientation and pixel spacing), for the benchmarks that time reading a series: the 141 slices of
 * {@code chest-ct-01} as a scanner would send them. Usage: {@code WriteDicomSeries <scan> <empty or new folder>}.
 */
public final class WriteDicomSeries {

    private WriteDicomSeries() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: WriteDicomSeries <scan> <empty or new folder>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    System.err.println("error: " + out + " is not empty");
                    System.exit(2);
                }
            }
        }
        List<Path> files = SyntheticSeries.write(VolumeIO.read(Path.of(args[0])).volume(), out,
                DicomSliceWriter.EXPLICIT, "1.2.826.0.1.3680043.10.1141.1", 1, -1);
        System.out.println(files.size() + " slices in " + out);
    }
}
