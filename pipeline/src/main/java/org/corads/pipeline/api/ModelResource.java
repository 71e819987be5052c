package org.corads.pipeline.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.grading.ModelCatalog;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /models}: what {@code corads models} prints. */
@Path("/models")
public class ModelResource {

    @Inject
    Storage storage;

    @GET
    @RolesAllowed({"reader", "submitter"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Published ensembles and lesion models: members, test metrics, digests, deployable or not.")
    public List<Map<String, Object>> models() {
        return ModelCatalog.list(storage.store());
    }
}
