package org.corads.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.corads.datasets.manifest.Importer;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code import <scansDir> <labels.csv> <manifest.csv>}: a manifest with digests from a folder of scans and a
 * labels CSV ({@code scan_id,patient_id,file,label}); every bad row is reported with its line and nothing is
 * written unless all rows are valid.
 */
@Command(name = "import", description = "Build a manifest from a scans folder and a labels CSV.")
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<scansDir>", description = "A folder of scans (NIfTI, MetaImage files or "
            + "DICOM series folders).")
    Path scans;

    @Parameters(index = "1", paramLabel = "<labels.csv>", description = "Labels sheet: scan file name and label "
            + "(CO-RADS, iCTCF or MosMedData).")
    Path labels;

    @Parameters(index = "2", paramLabel = "<manifest.csv>", description = "Where the manifest is written.")
    Path manifest;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(scans)) {
            throw BadInputException.of(scans, "not a folder");
        }
        if (Files.exists(manifest)) {
            throw BadInputException.of(manifest, "already exists; choose another output");
        }
        int n = Importer.importTo(scans, labels, manifest).size();
        System.out.println("{\"manifest\": \"" + manifest.toAbsolutePath() + "\", \"scans\": " + n + "}");
        return ExitCodes.OK;
    }
}
