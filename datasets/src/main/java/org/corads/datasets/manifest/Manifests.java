package org.corads.datasets.manifest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.corads.steps.io.BadInputException;

/** Reads and writes {@code manifest.csv} with Jackson's CSV module; writes are atomic. */
public final class Manifests {
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(ManifestRow.class).withHeader();
    /** Columns named by the file's header line, typed as {@link ManifestRow}'s. */
    private static final CsvSchema BY_HEADER = SCHEMA.withColumnReordering(true);

    private Manifests() {}

    public static void write(List<ManifestRow> rows, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        CSV.writer(SCHEMA).writeValue(tmp.toFile(), rows);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String toCsv(List<ManifestRow> rows) throws IOException {
        return CSV.writer(SCHEMA).writeValueAsString(rows);
    }

    /**
     * The rows of a manifest, its columns taken by the names of its header line in whatever order they come (a
     * manifest whose columns were reordered in a spreadsheet reads the same; before, values were taken by position
     * and a reordered file was read into the wrong fields); a header that misses a column or names an unknown one,
     * and a manifest without rows, are refused in one line.
     */
    public static List<ManifestRow> read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.of(file, "no such file");
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot be read: " + e.getMessage());
        }
        return read(content, file.toString());
    }

    /**
     * As {@link #read(Path)}, for a manifest held in memory (one downloaded from storage); errors name {@code name}.
     */
    public static List<ManifestRow> read(byte[] content, String name) {
        List<ManifestRow> rows;
        try (MappingIterator<ManifestRow> it = CSV.readerFor(ManifestRow.class).with(BY_HEADER).readValues(content)) {
            rows = it.readAll();
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(name + ": not a readable manifest (" + String.join(",", SCHEMA.getColumnNames())
                    + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (rows.isEmpty()) {
            throw new BadInputException(name + ": lists no scans; a manifest has a row for each scan of its cohort");
        }
        return rows;
    }
}
