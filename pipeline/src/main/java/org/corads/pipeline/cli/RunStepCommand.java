package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.apache.camel.ProducerTemplate;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.steps.core.StepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run-step --spec <s3://… | file>}: runs exactly one step from its StepSpec through the stage's Camel
 * route; the container entry point of a Kubernetes Job. Prints the outcome JSON; exit 0 when computed or
 * served from cache, 2 when the input was rejected, 1 on other failures.
 */
@Command(name = "run-step", description = "Run exactly one step from a StepSpec (s3:// URI or file).")
public class RunStepCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "<s3 uri or file>", description = "The step spec "
            + "(JSON): s3://work/specs/<step>/<key>.json or a local file.")
    String spec;

    @Inject
    Storage storage;

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        StepSpec s = Documents.read(spec, StepSpec.class, storage, mapper);
        StepOutcome o = producer.requestBody("direct:" + s.step(), s, StepOutcome.class);
        System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        return Documents.exitCode(o.status() == StepOutcome.Status.Failed, o.badInput(), o.error());
    }
}
