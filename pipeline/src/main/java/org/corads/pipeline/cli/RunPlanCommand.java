package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.apache.camel.ProducerTemplate;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.dag.RunPlan;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code run-plan <plan.json | s3://…>}: runs a plan's steps in dependency order through the DAG runner
 * route, recording {@code work/runs/<runId>/run.json}; prints that document. Exit 0 when every step computed
 * or hit the cache, 2 when an input was rejected, 1 otherwise.
 */
@Command(name = "run-plan", description = "Run a DAG of steps from a plan (file or s3:// URI); prints run.json.")
public class RunPlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<plan>", description = "A run plan (JSON): a local file or an s3:// URI.")
    String plan;

    @Inject
    Storage storage;

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        RunPlan p = Documents.read(plan, RunPlan.class, storage, mapper);
        try {
            p.topologicalOrder();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(plan + ": " + e.getMessage());
        }
        RunDocument doc = producer.requestBody("direct:run-dag", p, RunDocument.class);
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        StepOutcome firstFailure = doc.outcomes().values().stream().filter(o -> o.status() == StepOutcome.Status.Failed)
                .findFirst().orElse(null);
        return Documents.exitCode(firstFailure != null, firstFailure != null && firstFailure.badInput(),
                firstFailure == null ? null : firstFailure.step() + ": " + firstFailure.error());
    }
}
