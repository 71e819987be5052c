package org.corads.datasets.manifest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.corads.steps.io.BadInputException;

/** Reads and writes {@code manifest.csv} with Jackson's CSV module; writes are atomic. */
public final class Manifests {
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(ManifestRow.class).withHeader();

    private Manifests() {}

    public static void write(List<ManifestRow> rows, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        CSV.writer(SCHEMA).writeValue(tmp.toFile(), rows);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String toCsv(List<ManifestRow> rows) throws IOException {
        return CSV.writer(SCHEMA).writeValueAsString(rows);
    }

    public static List<ManifestRow> read(Path file) {
        try (MappingIterator<ManifestRow> it = CSV.readerFor(ManifestRow.class).with(SCHEMA)
                .readValues(file.toFile())) {
            return it.readAll();
        } catch (IOException | RuntimeException e) {
            throw BadInputException.of(file, "not a readable manifest (scan_id,patient_id,uri,label,label_system,split,"
                    + "slice_thickness_mm,digest): " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
