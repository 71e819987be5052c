package org.corads.pipeline.routes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.steps.core.Step;

/**
 * One Camel route per stage ({@code direct:<step>}, routeId = step name) handing the StepSpec body to the
 * step executor, and the DAG runner route ({@code direct:run-dag}). Routes hold no computation.
 */
@ApplicationScoped
public class StageRoutes extends RouteBuilder {
    /**
     * Header carrying an optional {@link org.corads.pipeline.dag.DagRunner.Progress} listener to
     * {@code direct:run-dag}.
     */
    public static final String PROGRESS = "CoradsProgress";

    @Inject
    StepRegistry registry;

    @Inject
    InProcessStepExecutor executor;

    @Inject
    DagRunner dagRunner;

    @Override
    public void configure() {
        // a failure goes back to the caller, which reports it (one line for bad input, storage and cancellation);
        // the routes add no log line and no stack trace of their own
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        for (Step<?> s : registry.all()) {
            from("direct:" + s.name()).routeId(s.name()).bean(executor, "execute");
        }
        from("direct:run-dag").routeId("dag-runner").bean(dagRunner, "execute(${body}, ${header." + PROGRESS + "})");
    }
}
