package org.corads.pipeline.app;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.apache.camel.quarkus.main.CamelMain;
import org.apache.camel.quarkus.main.CamelMainRuntime;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts Camel without the command line: the arguments belong to picocli, and Camel's own runner would otherwise
 * read them too (and answer {@code -h} with its options). {@code quarkus.camel.bootstrap.enabled=false} leaves the
 * start to this bean, which starts the same runtime Camel Quarkus would, with no arguments, before any command runs
 * — unless {@value #ENABLED} is false, as {@link Main} sets it for the commands that never use a route.
 */
@ApplicationScoped
public class CamelStart {
    static final String ENABLED = "corads.camel.enabled";

    private CamelMainRuntime runtime;

    void start(@Observes StartupEvent e, CamelMain main,
            @ConfigProperty(name = "quarkus.camel.main.shutdown.timeout", defaultValue = "PT3S") Duration timeout,
            @ConfigProperty(name = ENABLED, defaultValue = "true") boolean enabled) {
        if (enabled) {
            runtime = new CamelMainRuntime(main, timeout.toMillis());
            runtime.start(new String[0]);
        }
    }

    void stop(@Observes ShutdownEvent e) {
        if (runtime != null) {
            runtime.stop();
        }
    }
}
