package org.corads.pipeline.steps.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.preprocess.ClassicalLungSegmenter;
import org.corads.steps.preprocess.LungMask;

/**
 * {@code lung-mask}: the classical lung mask of {@code resampled} into {@code lung-mask.mha} and its
 * measurements into {@code lungs.json}. A scan without lungs is rejected ("no lungs found").
 */
public final class LungMaskStep extends BaseStep<ClassicalLungSegmenter> {

    public LungMaskStep() {
        super("lung-mask", 1, ClassicalLungSegmenter.class, List.of("resampled"),
                List.of("lung-mask.mha", "lungs.json"));
    }

    @Override
    public void run(ClassicalLungSegmenter params, StepFiles files) throws IOException {
        LungMask m = params.segment(VolumeIO.read(files.input("resampled")).volume());
        VolumeIO.write(m.mask(), files.output("lung-mask.mha"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("lungVolumeMl", m.volumeMl());
        doc.put("lungMeanHu", m.meanHu());
        doc.put("airwayRemovedMl", m.tracheaMl());
        doc.put("components", m.components());
        doc.put("lungBoundingBox", m.boundingBox());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(files.output("lungs.json").toFile(), doc);
    }
}
