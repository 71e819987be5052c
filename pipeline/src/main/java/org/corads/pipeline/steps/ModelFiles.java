package org.corads.pipeline.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained model as steps receive it — two staged inputs, {@code <name>/params} and {@code <name>/card} — gathered
 * into one folder as {@code model.params} + {@code model.json}, the layout every model loader reads.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * @param staged the list input's files by item ({@code params}, {@code card})
     * @param step   the step, for the error
     * @param name   the list input's name ({@code model}, {@code init}), for the error and the folder's name
     * @param parent where the folder is created
     * @return the new folder
     */
    public static Path gather(Map<String, Path> staged, String step, String name, Path parent) throws IOException {
        Path params = staged.get("params");
        Path card = staged.get("card");
        if (params == null || card == null) {
            throw new IllegalArgumentException(
                    step + " takes a model as " + name + "/params and " + name + "/card together");
        }
        Path dir = Files.createTempDirectory(parent, name);
        Files.copy(card, dir.resolve("model.json"));
        Files.copy(params, dir.resolve("model.params"));
        return dir;
    }
}
