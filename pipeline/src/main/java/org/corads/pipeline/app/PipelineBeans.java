package org.corads.pipeline.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.corads.pipeline.dag.DagRunner;
import org.corads.pipeline.dag.RunDocument;
import org.corads.pipeline.exec.ExecutorSettings;
import org.corads.pipeline.exec.InProcessStepExecutor;
import org.corads.pipeline.exec.StepCache;
import org.corads.pipeline.exec.StepDispatch;
import org.corads.pipeline.exec.StepExecutor;
import org.corads.pipeline.exec.StepOutcome;
import org.corads.pipeline.k8s.JobTemplate;
import org.corads.pipeline.k8s.KubernetesJobExecutor;
import org.corads.pipeline.k8s.KubernetesSettings;
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

    /**
     * In process (through the stage's route, {@code direct:<step>}), or as Kubernetes Jobs for the step kinds a run
     * chooses (its study's {@code executor:}, else {@code corads.executor.*}). The Kubernetes client is made only
     * when a run first needs it. {@code run-step}, the Job's own command, always uses the route: a step pod never
     * creates another Job.
     */
    @Produces
    @Singleton
    StepDispatch dispatch(ProducerTemplate producer, ExecutorSettings executor, KubernetesSettings k8s,
            Instance<KubernetesClient> client, StepCache cache, StepRegistry registry) {
        StepExecutor inProcess = spec -> producer.requestBody("direct:" + spec.step(), spec, StepOutcome.class);
        return new StepDispatch(inProcess, () -> {
            KubernetesClient c = client.get();
            String ns = k8s.namespace().orElse(c.getNamespace() == null ? "default" : c.getNamespace());
            return new KubernetesJobExecutor(c, ns, cache, registry, JobTemplate.of(k8s), k8s.maxAttempts(),
                    Duration.ofSeconds(k8s.startTimeoutSeconds()), Duration.ofSeconds(2));
        }, executor::choice);
    }

    @Produces
    @Singleton
    DagRunner dagRunner(StepCache cache, StepRegistry registry, StepDispatch dispatch) {
        return new DagRunner(cache, registry, dispatch, cache::recordRun);
    }

    @Produces
    @Singleton
    StudyRunner studyRunner(StepCache cache, DagRunner dag, ProducerTemplate producer) {
        return new StudyRunner(cache, dag, (plan, progress) -> producer.requestBodyAndHeader("direct:run-dag", plan,
                StageRoutes.PROGRESS, progress, RunDocument.class));
    }
}
