package org.corads.datasets.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.datasets.manifest.Splits;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.VolumeIO;

/**
 * Writes a synthetic cohort to a folder: {@code scans/<id>.mha}, {@code masks/<id>-lesions.mha},
 * {@code manifest.csv} (patient-grouped stratified splits, digests) and {@code lesions.csv} (image grade and
 * lesion volume per scan, the ground truth behind the labels). Progress goes to {@code progress}.
 */
public final class CohortWriter {

    private CohortWriter() {}

    public static List<ManifestRow> write(SyntheticCohort cohort, Path dir, Splits splits, Consumer<String> progress)
            throws IOException {
        Files.createDirectories(dir.resolve("scans"));
        Files.createDirectories(dir.resolve("masks"));
        List<ManifestRow> rows = new ArrayList<>();
        StringBuilder lesions = new StringBuilder("scan_id,patient_id,label,image_grade,lesion_ml,mask\n");
        long t0 = System.nanoTime();
        for (int i = 0; i < cohort.n(); i++) {
            SyntheticScan s = cohort.scan(i);
            Path scan = dir.resolve("scans").resolve(s.scanId() + ".mha");
            Path mask = dir.resolve("masks").resolve(s.scanId() + "-lesions.mha");
            VolumeIO.write(s.ct(), scan);
            VolumeIO.write(s.lesions(), mask);
            rows.add(new ManifestRow(s.scanId(), s.patientId(), "scans/" + s.scanId() + ".mha",
                    Integer.toString(s.label()), "CORADS", "", s.sliceThicknessMm(), Sha256.of(scan)));
            lesions.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,masks/%s-lesions.mha%n", s.scanId(),
                    s.patientId(), s.label(), s.imageGrade(), s.lesionMl(), s.scanId()));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format(Locale.ROOT, "[%d/%d] %s grade %d, %.0f s elapsed, ETA %.0f s", i + 1,
                    cohort.n(), s.scanId(), s.label(), elapsed, elapsed / (i + 1) * (cohort.n() - i - 1)));
        }
        List<ManifestRow> split = splits.assign(rows);
        Files.writeString(dir.resolve("lesions.csv"), lesions.toString());
        Manifests.write(split, dir.resolve("manifest.csv"));
        return split;
    }
}
