package org.corads.pipeline.exec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.steps.core.Step;
import org.corads.steps.steps.ClipNormaliseStep;
import org.corads.steps.steps.EvaluateStep;
import org.corads.steps.steps.IngestStep;
import org.corads.steps.steps.LungMaskStep;
import org.corads.steps.steps.ModelInputStep;
import org.corads.steps.steps.ResampleStep;

/** The steps this build can run, by name. */
public final class StepRegistry {
    private final Map<String, Step<?>> steps = new LinkedHashMap<>();

    public StepRegistry(List<Step<?>> steps) {
        for (Step<?> s : steps) {
            if (!s.name().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("step name '" + s.name() + "' must be lower-case words joined by '-'");
            }
            if (this.steps.put(s.name(), s) != null) {
                throw new IllegalArgumentException("two steps named " + s.name());
            }
        }
    }

    public static StepRegistry standard() {
        return new StepRegistry(List.of(new IngestStep(), new ClipNormaliseStep(), new ResampleStep(),
                new LungMaskStep(), new ModelInputStep(), new EvaluateStep(),
                new org.corads.steps.steps.LesionChannelStep(), new org.corads.steps.steps.ModelCaseStep(),
                new org.corads.pipeline.steps.DatasetStep(), new org.corads.pipeline.steps.PretrainStep(),
                new org.corads.pipeline.steps.TrainStep(), new org.corads.pipeline.steps.GradeStep(),
                new org.corads.pipeline.steps.EnsembleStep(), new org.corads.steps.steps.CompareArmsStep(),
                new org.corads.pipeline.steps.LesionTrainStep(), new org.corads.pipeline.steps.LesionSegmentationStep()));
    }

    public Step<?> get(String name) {
        Step<?> s = steps.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown step '" + name + "'; known: " + String.join(", ", steps.keySet()));
        }
        return s;
    }

    public Collection<Step<?>> all() {
        return steps.values();
    }
}
