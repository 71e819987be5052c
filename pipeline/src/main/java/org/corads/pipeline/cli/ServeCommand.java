package org.corads.pipeline.cli;

import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.corads.pipeline.api.StudyService;
import org.corads.pipeline.api.auth.ApiAuth;
import org.corads.pipeline.grading.GradingService;
import org.corads.pipeline.routes.GradingRoutes;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;

/**
 * {@code serve}: keeps the app running as an HTTP server ({@code POST /studies}, {@code GET /studies/{id}},
 * {@code GET /studies/{id}/report[/file]}, {@code GET /models}, OpenAPI at {@code /q/openapi}, health at
 * {@code /q/health}, metrics at {@code /q/metrics}) until stopped; with {@code CORADS_GRADING_MODEL} it also grades
 * every scan that lands in the scans bucket ({@code POST /events/s3} and polling). Host and port come from
 * {@code QUARKUS_HTTP_HOST} (default 127.0.0.1) and {@code QUARKUS_HTTP_PORT} (default: a free port, printed).
 * Authentication ({@link ApiAuth}) is checked before it listens: settings that would leave the API open or
 * unusable stop it with one line and exit 2.
 */
@Command(name = "serve", description = "Serve the HTTP API (studies, status, reports; OpenAPI at /q/openapi).")
public class ServeCommand implements Callable<Integer> {

    @Inject
    CamelContext camel;

    @Inject
    GradingService grading;

    @Inject
    ApiAuth auth;

    @Inject
    StudyService studies;

    @Override
    public Integer call() throws Exception {
        auth.requireUsable();
        studies.recover();
        var c = ConfigProvider.getConfig();
        String host = c.getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        int port = c.getOptionalValue("quarkus.http.port", Integer.class).orElse(0);
        if (grading.configured()) {
            camel.getRouteController().startRoute(GradingRoutes.MODEL);
        }
        System.out.println("{\"listening\": \"http://" + host + ":" + port + "\", \"auth\": \"" + auth.mode().label()
                + "\", \"grading\": "
                + (grading.configured() ? "\"" + grading.settings().model().get().replace("\"", "") + "\"" : "null")
                + "}");
        System.out.flush();
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
