package org.corads.pipeline.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corads.pipeline.steps.evaluation.CompareArmsStep;
import org.corads.pipeline.steps.evaluation.EvaluateStep;
import org.corads.pipeline.steps.grading.EnsembleStep;
import org.corads.pipeline.steps.grading.GradeScanStep;
import org.corads.pipeline.steps.grading.GradeStep;
import org.corads.pipeline.steps.grading.MontageStep;
import org.corads.pipeline.steps.lesions.LesionChannelStep;
import org.corads.pipeline.steps.lesions.LesionSegmentationStep;
import org.corads.pipeline.steps.lesions.LesionTrainStep;
import org.corads.pipeline.steps.preprocess.ClipNormaliseStep;
import org.corads.pipeline.steps.preprocess.IngestSeriesStep;
import org.corads.pipeline.steps.preprocess.IngestStep;
import org.corads.pipeline.steps.preprocess.LungMaskStep;
import org.corads.pipeline.steps.preprocess.ModelCaseStep;
import org.corads.pipeline.steps.preprocess.ModelInputStep;
import org.corads.pipeline.steps.preprocess.ResampleStep;
import org.corads.pipeline.steps.training.DatasetStep;
import org.corads.pipeline.steps.training.PretrainStep;
import org.corads.pipeline.steps.training.TrainStep;
import org.corads.steps.core.CanonicalJson;
import org.corads.steps.core.InvalidSpecException;
import org.corads.steps.core.Step;
import org.corads.steps.core.StepSpec;
import org.corads.steps.core.Work;

/** The steps this build can run, by name. */
public final class StepRegistry {
    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private final Map<String, Step<?>> steps = new LinkedHashMap<>();

    public StepRegistry(List<Step<?>> steps) {
        for (Step<?> s : steps) {
            if (!s.name().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException(
                        "step name '" + s.name() + "' must be lower-case words joined by '-'");
            }
            if (this.steps.put(s.name(), s) != null) {
                throw new IllegalArgumentException("two steps named " + s.name());
            }
        }
    }

    public static StepRegistry standard() {
        return new StepRegistry(List.of(new IngestStep(), new ClipNormaliseStep(), new ResampleStep(),
                new LungMaskStep(), new ModelInputStep(), new EvaluateStep(), new LesionChannelStep(),
                new ModelCaseStep(), new DatasetStep(), new PretrainStep(), new TrainStep(), new GradeStep(),
                new EnsembleStep(), new CompareArmsStep(), new LesionTrainStep(), new LesionSegmentationStep(),
                new IngestSeriesStep(), new GradeScanStep(), new MontageStep()));
    }

    public Step<?> get(String name) {
        Step<?> s = steps.get(name);
        if (s == null) {
            throw new InvalidSpecException("unknown step '" + name + "'; known: " + String.join(", ", steps.keySet()));
        }
        return s;
    }

    /**
     * The spec of {@code step} at this build's version, with its parameters in canonical form (see
     * {@link #canonical(StepSpec)}).
     */
    public StepSpec spec(String step, JsonNode params, Map<String, StepSpec.InputRef> inputs) {
        return canonical(new StepSpec(step, get(step).version(), params, inputs));
    }

    /**
     * The same spec with its parameters as the step reads them: parsed into the step's parameter type and written
     * back, so that a default left out and the default written, or {@code -900} and {@code -900.0}, give one cache
     * key. Parameters that do not fit the type are refused naming the step.
     */
    public StepSpec canonical(StepSpec spec) {
        Step<?> s = get(spec.step());
        try {
            Object typed = JSON.treeToValue(spec.params() == null ? NullNode.getInstance() : spec.params(),
                    s.paramsType());
            JsonNode tree = typed == null ? NullNode.getInstance() : JSON.valueToTree(typed);
            return new StepSpec(spec.step(), spec.version(), tree, spec.inputs());
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("parameters for " + s.name() + " do not fit "
                    + s.paramsType().getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /**
     * The work a planned step asks for, for the run's time estimate; parameters that do not parse count as one unit
     * of the step's own class (the run reports them when it gets there).
     */
    public Work work(String step, JsonNode params) {
        return workOf(get(step), params);
    }

    private static <P> Work workOf(Step<P> s, JsonNode params) {
        try {
            P typed = JSON.treeToValue(params == null ? NullNode.getInstance() : params, s.paramsType());
            return typed == null ? new Work(s.name(), 1) : s.work(typed);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Work(s.name(), 1);
        }
    }

    public Collection<Step<?>> all() {
        return steps.values();
    }

    /** The registered step kinds' names. */
    public Set<String> names() {
        return Set.copyOf(steps.keySet());
    }
}
