package org.corads.pipeline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.corads.steps.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code study cancel}: asks a {@code serve} instance to cancel a study ({@code DELETE /studies/<id>}), with a
 * bearer token from a file or {@code CORADS_API_TOKEN}. Prints the study's status; exit 2 for what the user can fix
 * (no such study, already finished, refused token), 1 when the server cannot be reached.
 */
@Command(name = "cancel", description = "Cancel a study queued or running on a server (DELETE /studies/<id>).")
public class StudyCancelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<id>", description = "The study's id, as POST /studies answered.")
    String id;

    @Option(names = "--server", required = true, paramLabel = "<url>", description = "The server's base URL, "
            + "e.g. http://corads-api:8080.")
    String server;

    @Option(names = "--token-file", paramLabel = "<file>", description = "A file holding a bearer "
            + "token with the submitter role (else CORADS_API_TOKEN).")
    Path tokenFile;

    @Override
    public Integer call() throws Exception {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new BadInputException("'" + id + "' is not a study id (letters, digits and '-')");
        }
        URI uri;
        try {
            uri = URI.create(server.replaceAll("/+$", "") + "/studies/" + id);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--server " + server + ": not a URL");
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).DELETE();
        String token = token();
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(req.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("error: cannot reach " + uri + ": " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
        if (r.statusCode() == 202) {
            System.out.println(r.body());
            return ExitCodes.OK;
        }
        String why = switch (r.statusCode()) {
            case 401 -> "the server wants a valid bearer token (--token-file or CORADS_API_TOKEN)";
            case 403 -> "this token may not cancel studies (role 'submitter' needed)";
            default -> r.body().isBlank() ? "HTTP " + r.statusCode() : r.body().strip();
        };
        System.err.println("error: " + uri + ": " + why);
        return r.statusCode() >= 500 ? ExitCodes.INTERNAL : ExitCodes.BAD_INPUT;
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile).strip();
            } catch (NoSuchFileException e) {
                throw BadInputException.of(tokenFile, "no such token file");
            }
        }
        String env = System.getenv("CORADS_API_TOKEN");
        return env == null || env.isBlank() ? null : env.strip();
    }
}
