package org.corads.pipeline.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.apache.camel.ProducerTemplate;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.routes.StageRoutes;
import org.corads.pipeline.steps.StepRegistry;
import org.corads.pipeline.study.StudyRunner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the plain pipeline classes into CDI. Storage is touched lazily, so commands that need none start none. */
@ApplicationScoped
public class PipelineBeans {

    @Produces
    @Singleton
    StepRegistry registry() {
        return StepRegistry.standard();
    }

    @Produces
    @Singleton
    StepCache cache(Storage storage) {
        return new StepCache(storage::store);
    }

    @Produces
    @Singleton
    InProcessStepExecutor executor(StepCache cache, StepRegistry registry,
            @ConfigProperty(name = "corads.scratch-dir", defaultValue = "work-data/scratch") String scratch) {
        return new InProcessStepExecutor(cache, registry, Path.of(scratch).toAbsolutePath());
    }

    @Produces
    @Singleton
    DagRunner dagRunner(StepCache cache, StepRegistry registry, ProducerTemplate producer) {
        return new DagRunner(cache, registry,
                spec -> producer.requestBody("direct:" + spec.step(), spec, StepOutcome.class));
    }

    @Produces
    @Singleton
    StudyRunner studyRunner(StepCache cache, DagRunner dag, ProducerTemplate producer) {
        return new StudyRunner(cache, dag, (plan, progress) -> producer.requestBodyAndHeader("direct:run-dag", plan,
                StageRoutes.PROGRESS, progress, RunDocument.class));
    }
}
