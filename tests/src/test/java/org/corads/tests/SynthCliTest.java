package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.datasets.manifest.Splits;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.testkit.CliRun;
import org.corads.testkit.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synth} and {@code import} of the packaged app, to a folder and into the bucket. */
class SynthCliTest {
    @TempDir
    Path dir;

    @Test
    void aSmallCohortIsWrittenWithManifestSplitsAndScansThatPassTheGate() throws Exception {
        Path out = dir.resolve("cohort");
        CliRun r = CliRun.run("2g", 180, "synth", "6", out.toString(), "--seed", "4", "--resolution", "FAST");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("[6/6]").contains("ETA");
        List<ManifestRow> rows = Manifests.read(out.resolve("manifest.csv"));
        assertThat(rows).hasSize(6);
        assertThat(rows).allSatisfy(m -> {
            assertThat(m.split()).isIn("train", "validation", "test");
            assertThat(out.resolve(m.uri())).isRegularFile();
            assertThat(m.labelSystem()).isEqualTo("CORADS");
        });
        assertThat(out.resolve("lesions.csv")).isRegularFile();
        CliRun check = CliRun.run("1g", 60, "check", out.resolve(rows.get(0).uri()).toString());
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        // the same seed gives the same scans
        CliRun again = CliRun.run("2g", 180, "synth", "6", dir.resolve("again").toString(), "--seed", "4",
                "--resolution", "FAST");
        assertThat(again.exitCode()).isZero();
        assertThat(Manifests.read(dir.resolve("again").resolve("manifest.csv"))).isEqualTo(rows);
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        assertThat(CliRun.run("512m", 60, "synth", "0", dir.toString()).exitCode()).isEqualTo(2);
        CliRun r = CliRun.run("512m", 60, "synth", "3", dir.toString(), "--difficulty", "1.5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains("--difficulty");
        Files.writeString(dir.resolve("labels.csv"), "scan_id,patient_id,file,label\na,p,nothing.mha,9\n");
        CliRun imp = CliRun.run("512m", 60, "import", dir.toString(), dir.resolve("labels.csv").toString(),
                dir.resolve("m.csv").toString());
        assertThat(imp.exitCode()).isEqualTo(2);
        assertThat(imp.stderrLines()).singleElement().asString().contains("line 2: unknown label '9'");
        assertThat(dir.resolve("m.csv")).doesNotExist();
    }

    @Test
    void aCohortGoesStraightIntoTheBucketAndIsReusedWhenUnchanged() throws Exception {
        StoreConfig c = S3TestServer.freshConfig("synth");
        ObjectStore store = new ObjectStore(c);
        store.ensureBuckets();
        String prefix = "s3://" + c.buckets().scans() + "/cohorts/demo";
        CliRun first = CliRun.run(S3TestServer.env(c), dir, "2g", 180, "synth", "4", prefix, "--resolution", "FAST");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        byte[] manifest = store.getBytes(new S3Uri(c.buckets().scans(), "cohorts/demo/manifest.csv"));
        Path local = dir.resolve("manifest.csv");
        Files.write(local, manifest);
        List<ManifestRow> rows = Manifests.read(local);
        assertThat(rows).hasSize(4);
        for (ManifestRow m : rows) {
            assertThat(store.digestOf(S3Uri.parse(m.uri()))).isEqualTo(m.digest());
        }
        CliRun second = CliRun.run(S3TestServer.env(c), dir, "2g", 180, "synth", "4", prefix, "--resolution", "FAST");
        assertThat(second.exitCode()).isZero();
        assertThat(second.stderr()).contains("reusing").doesNotContain("[1/4]");
        // other split shares are another cohort: refused at this prefix, never written over it
        CliRun other = CliRun.run(S3TestServer.env(c), dir, "1g", 60, "synth", "4", prefix, "--resolution", "FAST",
                "--fractions", "0.25,0.25,0.5");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.stderrLines()).last().asString().startsWith("error: ").contains("holds another cohort");
        assertThat(store.getBytes(new S3Uri(c.buckets().scans(), "cohorts/demo/manifest.csv"))).isEqualTo(manifest);
    }

    @Test
    void splitSharesAreAnOptionAndTheManifestFollowsThem() throws Exception {
        Path out = dir.resolve("tested");
        CliRun r = CliRun.run("2g", 180, "synth", "20", out.toString(), "--seed", "3", "--resolution", "FAST",
                "--fractions", "0.3,0.2,0.5");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("train", 0.3);
        f.put("validation", 0.2);
        f.put("test", 0.5);
        List<ManifestRow> planned = new SyntheticCohort(20, 3, SynthConfig.DEFAULT).plannedRows(new Splits(f, 3));
        List<ManifestRow> rows = Manifests.read(out.resolve("manifest.csv"));
        assertThat(rows).extracting(ManifestRow::split)
                .containsExactlyElementsOf(planned.stream().map(ManifestRow::split).toList());
        assertThat(rows.stream().filter(m -> m.split().equals("test")).count()).isBetween(8L, 12L); // standard: 4
        CliRun bad = CliRun.run("512m", 60, "synth", "4", dir.resolve("bad").toString(), "--fractions", "0.5,0.5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderrLines()).singleElement().asString().contains("--fractions 0.5,0.5");
    }
}
