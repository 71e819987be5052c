package org.corads.pipeline.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.apache.camel.ProducerTemplate;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.exec.StepRegistry;
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
    InProcessStepExecutor executor(Storage storage, StepRegistry registry,
                                   @ConfigProperty(name = "corads.scratch-dir", defaultValue = "work-data/scratch") String scratch) {
        return new InProcessStepExecutor(storage::store, registry, Path.of(scratch).toAbsolutePath());
    }

    @Produces
    @Singleton
    DagRunner dagRunner(Storage storage, StepRegistry registry, ProducerTemplate producer) {
        return new DagRunner(storage::store, registry,
                spec -> producer.requestBody("direct:" + spec.step(), spec, StepOutcome.class));
    }

    @Produces
    @Singleton
    org.corads.pipeline.study.StudyRunner studyRunner(Storage storage, DagRunner dag, ProducerTemplate producer) {
        return new org.corads.pipeline.study.StudyRunner(storage::store, dag, (plan, progress) -> producer.requestBodyAndHeader(
                "direct:run-dag", plan, org.corads.pipeline.routes.StageRoutes.PROGRESS, progress,
                org.corads.pipeline.dag.RunDocument.class));
    }
}
