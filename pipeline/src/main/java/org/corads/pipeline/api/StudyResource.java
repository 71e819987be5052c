package org.corads.pipeline.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.app.Refused;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.io.BadInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The HTTP API ({@code serve}): submit a study definition, follow it, fetch its report. The OpenAPI document is
 * served at {@code /q/openapi}.
 */
@Path("/studies")
public class StudyResource {

    @Inject
    StudyService service;

    @Inject
    Storage storage;

    /** Error body: one line, as on the command line. */
    public record Problem(String error) {}

    @POST
    @RolesAllowed("submitter")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a study (the YAML of 'study run', or the same as JSON); it is validated, then queued.")
    @RequestBody(description = "study definition")
    @APIResponse(responseCode = "202", description = "queued; Location points at its status")
    @APIResponse(responseCode = "400", description = "invalid definition; the error names the field")
    @APIResponse(responseCode = "401", description = "no or an unknown bearer token")
    @APIResponse(responseCode = "403", description = "the token may not submit (role 'submitter' needed)")
    @APIResponse(responseCode = "413", description = "the body is larger than quarkus.http.limits.max-body-size")
    @APIResponse(responseCode = "422", description = "over this server's limits (corads.admission.*); the error"
            + " names each limit")
    @APIResponse(responseCode = "429", description = "the queue is full (corads.admission.max-queued)")
    public Response submit(byte[] body) throws IOException {
        try {
            StudyService.Status s = service.submit(body);
            return Response.accepted(s).location(URI.create("/studies/" + s.id())).build();
        } catch (BadInputException e) {
            return problem(400, e.getMessage());
        } catch (Refused e) {
            return problem(e.status(), e.getMessage());
        }
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("submitter")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a queued or running study: it never starts, or its steps are interrupted (what"
            + " finished stays cached, Kubernetes Jobs are deleted).")
    @APIResponse(responseCode = "202", description = "cancelled, or cancellation under way (state follows)")
    @APIResponse(responseCode = "404", description = "no such study")
    @APIResponse(responseCode = "409", description = "the study has already finished")
    public Response cancel(@PathParam("id") String id) {
        try {
            return Response.accepted(service.cancel(id)).build();
        } catch (Refused e) {
            return problem(e.status(), e.getMessage());
        }
    }

    private static Response problem(int status, String message) {
        return Response.status(status).entity(new Problem(message)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @RolesAllowed({"reader", "submitter"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "All studies submitted to this server, with their state.")
    public List<StudyService.Status> list() {
        return service.all();
    }

    @GET
    @RolesAllowed({"reader", "submitter"})
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A study's state: queued, running (steps done / total, ETA), succeeded or failed.")
    @APIResponse(responseCode = "404", description = "no such study")
    public StudyService.Status status(@PathParam("id") String id) {
        return service.get(id).orElseThrow(() -> new NotFoundException("no study " + id));
    }

    @GET
    @RolesAllowed({"reader", "submitter"})
    @Path("{id}/report")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The study's metrics.json (AUC, QWK, CIs, paired comparisons, confusion matrices).")
    @APIResponse(responseCode = "404", description = "no such study, or no report yet")
    public Response report(@PathParam("id") String id) {
        return file(id, "metrics.json");
    }

    @GET
    @RolesAllowed({"reader", "submitter"})
    @Path("{id}/report/{file: .+}")
    @Operation(summary = "One report file: report.html, table.md, roc.png/svg, ci.png/svg, "
            + "confusion.png/svg, predictions.csv; with an external test set also summary.md and the same files "
            + "under external/ (only the files the study's report lists are served).")
    @APIResponse(responseCode = "404", description = "no such study, file, or no report yet")
    public Response file(@PathParam("id") String id, @PathParam("file") String file) {
        StudyService.Status s = status(id);
        String uri = s.reportFiles().get(file);
        if (uri == null) {
            throw new NotFoundException(s.reportFiles().isEmpty()
                    ? "study " + id + " has no report yet (" + s.state() + ")"
                    : "no report file " + file + "; files: " + s.reportFiles().keySet());
        }
        byte[] bytes = storage.store().getBytes(S3Uri.parse(uri));
        return Response.ok(bytes)
                .type(TYPES.getOrDefault(file.substring(file.lastIndexOf('.') + 1), "application/octet-stream"))
                .build();
    }

    private static final Map<String, String> TYPES = Map.of("json", "application/json", "html", "text/html", "md",
            "text/markdown", "png", "image/png", "svg", "image/svg+xml", "csv", "text/csv");
}
