package org.corads.pipeline.grading;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.corads.pipeline.api.StudyService;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.storage.S3Uri;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /q/health/ready}): storage answers, the studies submitted before the last stop are taken up
 * again ({@code serve}; a command-line run never is ready), and when grading is configured its ensemble is loaded —
 * else DOWN with the reason (a missing or undeployable model never crash-loops the pod; it stays unready).
 */
@Readiness
@ApplicationScoped
public class GradingReadiness implements HealthCheck {

    @Inject
    Storage storage;

    @Inject
    GradingService grading;

    @Inject
    StudyService studies;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("corads");
        try {
            storage.store().stat(new S3Uri(storage.store().config().buckets().work(), "grading/health"));
            b.withData("storage", storage.store().config().endpoint());
        } catch (RuntimeException e) {
            return b.down().withData("storage", "unreachable: " + e.getMessage()).build();
        }
        if (!studies.recovered()) {
            return b.down().withData("studies", "taking up the studies submitted before the last stop").build();
        }
        if (grading.configured()) {
            var why = grading.notReady();
            if (why.isPresent()) {
                return b.down().withData("grading", why.get()).build();
            }
            b.withData("grading", "ready");
        } else {
            b.withData("grading", "not configured (API only)");
        }
        return b.up().build();
    }
}
