package org.corads.pipeline.dag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.steps.core.BaseStep;
import org.corads.steps.core.StepFiles;
import org.corads.steps.core.StepSpec;
import org.junit.jupiter.api.Test;

/** The DAG runner on its own: dependency order, skipping after a failure, the concurrency limits. No storage. */
class DagRunnerTest {

    /** A step that computes nothing: the tests only dispatch it. */
    static final class Noop extends BaseStep<Void> {
        private final boolean exclusive;

        Noop(String name, boolean exclusive) {
            super(name, 1, Void.class, List.of("in*"), List.of("out"));
            this.exclusive = exclusive;
        }

        @Override
        public boolean exclusive() {
            return exclusive;
        }

        @Override
        public void run(Void params, StepFiles files) {}
    }

    private static final StepRegistry REGISTRY = new StepRegistry(
            List.of(new Noop("light", false), new Noop("heavy", true), new Noop("broken", false)));
    /** Plans here have no object inputs, so the cache's storage is never asked for. */
    private static final StepCache NO_STORAGE = new StepCache(() -> {
        throw new IllegalStateException("this test has no storage");
    });

    private final List<RunDocument> recorded = Collections.synchronizedList(new ArrayList<>());

    private DagRunner runner(Function<StepSpec, StepOutcome> dispatch) {
        return new DagRunner(NO_STORAGE, REGISTRY, dispatch, recorded::add);
    }

    private static RunPlan.PlannedStep step(String id, String step, String... from) {
        Map<String, RunPlan.InputSource> in = new TreeMap<>();
        for (int i = 0; i < from.length; i++) {
            in.put("in/" + i, new RunPlan.InputSource(null, from[i], "out"));
        }
        return new RunPlan.PlannedStep(id, step, JsonNodeFactory.instance.nullNode(), in);
    }

    private static StepOutcome computed(StepSpec spec) {
        return new StepOutcome(spec.step(), spec.cacheKey().hex(), StepOutcome.Status.Computed,
                Map.of("out", new StepOutcome.OutputRef("s3://work/" + spec.cacheKey().hex(), spec.cacheKey().hex())),
                0, null, false);
    }

    @Test
    void everyStepRunsAfterTheStepsItReadsFrom() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        RunPlan plan = new RunPlan("order", List.of(step("d", "light", "b", "c"), step("b", "light", "a"),
                step("c", "light", "a"), step("a", "light")), 2);
        RunDocument doc = runner(spec -> {
            order.add(new TreeSet<>(spec.inputs().keySet()).toString() + spec.cacheKey().hex());
            return computed(spec);
        }).run(plan);

        assertThat(doc.status()).isEqualTo("succeeded");
        assertThat(doc.computed()).isEqualTo(4);
        assertThat(doc.outcomes().keySet()).containsExactly("a", "b", "c", "d");
        assertThat(order.get(0)).startsWith("[]");
        assertThat(order.get(3)).startsWith("[in/0, in/1]");
        assertThat(recorded).last().satisfies(d -> assertThat(d.finishedAt()).isNotNull());
    }

    @Test
    void aFailedStepSkipsEverythingDownstreamAndNothingElse() {
        RunPlan plan = new RunPlan("fail", List.of(step("a", "light"), step("bad", "broken", "a"),
                step("after-bad", "light", "bad"), step("other", "light", "a")), 1);
        RunDocument doc = runner(spec -> spec.step().equals("broken")
                ? new StepOutcome(spec.step(), spec.cacheKey().hex(), StepOutcome.Status.Failed, Map.of(), 0, "broken",
                        false)
                : computed(spec)).run(plan);

        assertThat(doc.status()).isEqualTo("failed");
        assertThat(doc.outcomes().get("bad").error()).isEqualTo("broken");
        assertThat(doc.outcomes().get("after-bad").status()).isEqualTo(StepOutcome.Status.Failed);
        assertThat(doc.outcomes().get("after-bad").error()).contains("skipped: upstream bad");
        assertThat(doc.outcomes().get("other").status()).isEqualTo(StepOutcome.Status.Computed);
        assertThat(doc.failed()).isEqualTo(2);
        assertThat(doc.computed()).isEqualTo(2);
    }

    @Test
    void noMoreStepsRunAtOnceThanThePlanAllowsAndHeavyStepsTakeTurns() {
        List<RunPlan.PlannedStep> steps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            steps.add(step("light-" + i, "light"));
            steps.add(step("heavy-" + i, "heavy"));
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger heavy = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger maxHeavy = new AtomicInteger();
        RunDocument doc = runner(spec -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            boolean h = spec.step().equals("heavy");
            if (h) {
                maxHeavy.accumulateAndGet(heavy.incrementAndGet(), Math::max);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (h) {
                heavy.decrementAndGet();
            }
            running.decrementAndGet();
            return computed(spec);
        }).run(new RunPlan("limits", steps, 3));

        assertThat(doc.computed()).isEqualTo(16);
        assertThat(maxRunning.get()).isBetween(2, 3);
        assertThat(maxHeavy.get()).isEqualTo(1);
    }
}
