package org.corads.pipeline.cli;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;

/**
 * {@code serve}: keeps the app running as an HTTP server ({@code POST /studies}, {@code GET /studies/{id}},
 * {@code GET /studies/{id}/report[/file]}, OpenAPI at {@code /q/openapi}) until stopped. Host and port come from
 * {@code QUARKUS_HTTP_HOST} (default 127.0.0.1) and {@code QUARKUS_HTTP_PORT} (default: a free port, printed).
 */
@Command(name = "serve", description = "Serve the HTTP API (studies, status, reports; OpenAPI at /q/openapi).")
public class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        var c = ConfigProvider.getConfig();
        String host = c.getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        int port = c.getOptionalValue("quarkus.http.port", Integer.class).orElse(0);
        System.out.println("{\"listening\": \"http://" + host + ":" + port + "\"}");
        System.out.flush();
        Quarkus.waitForExit();
        return ExitCodes.OK;
    }
}
