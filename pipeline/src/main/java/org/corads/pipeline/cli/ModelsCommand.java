package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.grading.ModelCatalog;
import picocli.CommandLine.Command;

/** {@code models}: the published ensembles and lesion models, deployable or not and why, as JSON. */
@Command(name = "models", description = "List published ensembles and lesion models (deployable or not, and why).")
public class ModelsCommand implements Callable<Integer> {

    @Inject
    Storage storage;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        System.out.println(
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(ModelCatalog.list(storage.store())));
        return ExitCodes.OK;
    }
}
