package org.corads.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.corads.pipeline.app.Storage;
import org.corads.pipeline.storage.CohortPut;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.VolumeIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code storage status}, {@code storage put-scan} and {@code storage put-cohort}: inspect storage and bring scans
 * and whole cohorts into it.
 */
@Command(name = "storage", description = "Object storage: status, put-scan, put-cohort.", subcommands = {
        StorageCommand.Status.class, StorageCommand.PutScan.class, StorageCommand.PutCohort.class})
public class StorageCommand {

    /** Connects (starting the embedded server when no endpoint is set), ensures buckets, prints where it is. */
    @Command(name = "status", description = "Connect, ensure buckets, print endpoint and buckets as JSON.")
    static class Status implements Callable<Integer> {
        @Inject
        Storage storage;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            ObjectStore s = storage.store();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("endpoint", s.config().endpoint());
            doc.put("embedded", storage.embedded().isPresent());
            storage.embedded().ifPresent(e -> doc.put("embeddedStartupMs", e.startupMillis()));
            doc.put("buckets", s.config().buckets());
            doc.put("readyMs", (System.nanoTime() - t0) / 1_000_000);
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return ExitCodes.OK;
        }
    }

    /** Uploads a scan file after checking that it reads; prints its URI and digest. */
    @Command(name = "put-scan", description = "Upload a scan file into the scans bucket (never overwrites).")
    static class PutScan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<file>", description = "The local file to upload.")
        Path file;

        @Option(names = "--key", description = "Object key (default: the file name).")
        String key;

        @Inject
        Storage storage;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw BadInputException.of(file, "no such file");
            }
            VolumeIO.read(file);
            ObjectStore s = storage.store();
            S3Uri uri;
            try {
                uri = new S3Uri(s.config().buckets().scans(), key != null ? key : file.getFileName().toString());
            } catch (IllegalArgumentException e) {
                throw BadInputException.of(file, e.getMessage());
            }
            if (s.stat(uri).isPresent()) {
                throw new BadInputException(uri + ": already exists; scans are never overwritten");
            }
            String digest = s.putFile(uri, file, "application/octet-stream");
            System.out.println(mapper.writeValueAsString(Map.of("uri", uri.toString(), "sha256", digest)));
            return ExitCodes.OK;
        }
    }

    /** Uploads a local cohort with its manifest rewritten to the objects; prints the manifest's URI and counts. */
    @Command(name = "put-cohort", description = "Upload a local cohort (its manifest.csv, the scans it lists, DICOM "
            + "series folders as prefixes, lesion masks) under an s3:// prefix; never overwrites.")
    static class PutCohort implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<manifest.csv>", description = "The cohort's manifest (from import "
                + "or synth); scan paths are relative to its folder.")
        Path manifest;

        @Parameters(index = "1", paramLabel = "<s3://bucket/prefix>", description = "Where the cohort goes.")
        String prefix;

        @Inject
        Storage storage;

        @Inject
        ObjectMapper mapper;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(manifest)) {
                throw BadInputException.of(manifest, "no such file");
            }
            CohortPut.Result r = new CohortPut(storage.store()).put(manifest, prefix);
            System.out.println(mapper.writeValueAsString(r));
            return ExitCodes.OK;
        }
    }
}
