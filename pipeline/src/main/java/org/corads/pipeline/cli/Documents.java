package org.corads.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.io.BadInputException;

/** Reading JSON documents given as a file path or an {@code s3://} URI, with one-line errors. */
final class Documents {

    private Documents() {}

    static <T> T read(String where, Class<T> type, Storage storage, ObjectMapper mapper) {
        byte[] bytes;
        try {
            if (where.startsWith("s3://")) {
                S3Uri uri;
                try {
                    uri = S3Uri.parse(where);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(where + ": " + e.getMessage());
                }
                if (storage.store().stat(uri).isEmpty()) {
                    throw new BadInputException(where + ": no such object");
                }
                bytes = storage.store().getBytes(uri);
            } else {
                bytes = Files.readAllBytes(Path.of(where));
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(where + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot read: " + e.getMessage());
        }
        try {
            T document = mapper.readValue(bytes, type);
            if (document == null) {
                throw new BadInputException(
                        where + ": holds no " + type.getSimpleName() + " (the JSON document is null)");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    where + ": not a valid " + type.getSimpleName() + " document: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(where + ": cannot parse: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    static int exitCode(boolean failed, boolean badInput, String error) {
        if (!failed) {
            return ExitCodes.OK;
        }
        System.err.println("error: " + error);
        return badInput ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL;
    }
}
