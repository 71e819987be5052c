package org.corads.pipeline.steps.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.report.GradingMontage;
import org.corads.steps.volume.Volume;

/**
 * {@code qc-montage}: {@code montage.png}, axial slices through the lungs with the lung outline and, when
 * {@code lesions/0} is given (labels on the 1.5 mm grid), the lesion map over the CT ({@link GradingMontage}).
 */
public final class MontageStep extends BaseStep<MontageStep.Params> {

    /** @param columns tiles across; @param rows tiles down */
    public record Params(int columns, int rows) {
        public static final Params DEFAULT = new Params(4, 3);
    }

    public MontageStep() {
        super("qc-montage", 1, Params.class, List.of("resampled", "lung-mask", "lesions*"), List.of("montage.png"));
    }

    @Override
    public void run(Params p, StepFiles files) throws IOException {
        Volume ct = VolumeIO.read(files.input("resampled")).volume();
        Volume lungs = VolumeIO.read(files.input("lung-mask")).volume();
        Map<String, Path> lesions = files.inputs("lesions*");
        Volume labels = lesions.isEmpty() ? null : VolumeIO.read(lesions.values().iterator().next()).volume();
        Files.write(files.output("montage.png"), new GradingMontage(p.columns(), p.rows()).png(ct, lungs, labels));
    }
}
