package org.corads.steps.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.corads.steps.io.dicom.DicomSeriesReader;
import org.corads.steps.volume.Volume;

/**
 * One entry point for reading and writing volumes, choosing the format by file name or content:
 * a folder or a file with the DICOM Part 10 prefix → DICOM; {@code .mha}/{@code .mhd} → MetaImage;
 * {@code .nii}/{@code .nii.gz} → NIfTI.
 */
public final class VolumeIO {

    public static final String ACCEPTED = "a DICOM series folder or Part 10 file, .mha, .mhd, .nii or .nii.gz";

    private VolumeIO() {}

    public static LoadedVolume read(Path path) {
        return read(path, ReadLimits.defaults());
    }

    public static LoadedVolume read(Path path, ReadLimits limits) {
        if (!Files.exists(path)) {
            throw BadInputException.of(path, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return DicomSeriesReader.read(path, limits);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mha") || name.endsWith(".mhd")) {
            return MetaImageIO.read(path, limits);
        }
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            return NiftiIO.read(path, limits);
        }
        if (DicomSeriesReader.isDicomFile(path)) {
            return DicomSeriesReader.read(path, limits);
        }
        throw BadInputException.of(path, "unrecognised format; expected " + ACCEPTED);
    }

    /** Writes {@code .mha}, {@code .mhd} or {@code .nii}/{@code .nii.gz}, by extension. */
    public static void write(Volume v, Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (name.endsWith(".mha") || name.endsWith(".mhd")) {
            MetaImageIO.write(v, path);
        } else if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            NiftiIO.write(v, path);
        } else {
            throw BadInputException.of(path, "cannot write this extension; expected .mha, .mhd, .nii or .nii.gz");
        }
    }
}
