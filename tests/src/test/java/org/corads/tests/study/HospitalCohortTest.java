package org.corads.tests.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.corads.datasets.manifest.ManifestRow;
import org.corads.datasets.manifest.Manifests;
import org.corads.datasets.synth.SynthConfig;
import org.corads.datasets.synth.SyntheticCohort;
import org.corads.datasets.synth.SyntheticScan;
import org.corads.pipeline.storage.CohortPut;
import org.corads.pipeline.storage.ObjectStore;
import org.corads.pipeline.storage.S3Uri;
import org.corads.pipeline.storage.StoreConfig;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.testkit.CliRun;
import org.corads.testkit.DicomSliceWriter;
import org.corads.testkit.S3TestServer;
import org.corads.testkit.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cohort as a hospital hands it over — DICOM series written slice per file in shuffled order, NIfTI and
 * MetaImage files, a labels sheet without splits — imported ({@code import} assigns the splits), uploaded
 * ({@code storage put-cohort}: series as prefixes, the manifest rewritten to the objects) and run as a study named by
 * its manifest, to a report; the series (one at 1 mm, one at 5 mm) are staged by {@code ingest-series}, and a scan the
 * input gate rejects is left out with its reason in the report. An external test set from elsewhere, labelled in
 * iCTCF's terms, is imported ({@code --external}), uploaded and named by the study: its own evaluation (external/) and
 * the table of internal and external results. Uploading again reuses every object; a scan changed after the import is
 * refused
 * before anything is uploaded.
 */
class HospitalCohortTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aHospitalCohortIsImportedUploadedAndStudiedFromItsManifest() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("hospital/scans"));
        SyntheticCohort cohort = new SyntheticCohort(12, 1,
                SynthConfig.DEFAULT.withResolution(SynthConfig.Resolution.FAST));
        StringBuilder sheet = new StringBuilder("scan_id,patient_id,file,label,slice_thickness_mm\n");
        List<String> series = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SyntheticScan s = cohort.scan(i);
            String file;
            Volume ct = s.ct();
            if (i % 3 == 0) {
                // series reconstructed at 1 and 5 mm (and at the cohort's own thickness)
                ct = i == 0 ? SyntheticSeries.reslice(ct, 1.0) : i == 3 ? SyntheticSeries.reslice(ct, 5.0) : ct;
                file = "series-" + i;
                SyntheticSeries.write(ct, scans.resolve(file), DicomSliceWriter.EXPLICIT,
                        "1.2.826.0.1.3680043.2.1125.9." + i, i, -1);
                series.add("ct-" + i);
            } else {
                file = "ct-" + i + (i % 3 == 1 ? ".nii.gz" : ".mha");
                VolumeIO.write(ct, scans.resolve(file));
            }
            sheet.append("ct-").append(i).append(",pat-").append(s.patientId()).append(',').append(file).append(',')
                    .append(s.label()).append(',').append(ct.geometry().spacingMm()[2]).append('\n');
        }
        // and one scan the input gate rejects (soft tissue everywhere, no air): left out of the study, with its reason
        short[] tissue = new short[64 * 64 * 20];
        Arrays.fill(tissue, (short) 40);
        VolumeIO.write(Volume.ofShorts(Geometry.of(64, 64, 20, 1, 1, 2), tissue), scans.resolve("no-air.mha"));
        sheet.append("ct-bad,pat-bad,no-air.mha,2,2\n");
        Path labels = Files.writeString(dir.resolve("hospital/labels.csv"), sheet.toString());
        Path manifest = dir.resolve("hospital/manifest.csv");
        CliRun imp = CliRun.run("1g", 120, "import", scans.toString(), labels.toString(), manifest.toString());
        assertThat(imp.exitCode()).as(imp.stderr()).isZero();
        assertThat(JSON.readTree(imp.stdout()).get("splits").get("test").asInt()).isPositive();
        assertThat(imp.stderr()).doesNotContain("warning");
        List<ManifestRow> rows = Manifests.read(manifest);
        assertThat(rows).filteredOn(r -> r.uri().endsWith("/")).extracting(ManifestRow::scanId)
                .containsExactlyElementsOf(series);
        assertThat(rows).filteredOn(r -> r.scanId().equals("ct-0") || r.scanId().equals("ct-3"))
                .extracting(ManifestRow::sliceThicknessMm).containsExactly(1.0, 5.0);

        // an external test set from another "hospital", labelled in iCTCF's terms (Suspected: left out of the AUC)
        Path xScans = Files.createDirectories(dir.resolve("external/scans"));
        SyntheticCohort other = new SyntheticCohort(6, 9,
                SynthConfig.DEFAULT.withResolution(SynthConfig.Resolution.FAST));
        StringBuilder xSheet = new StringBuilder("scan_id,patient_id,file,label\n");
        String[] ictcf = {"Control", "Control", "Mild", "Regular", "Severe"};
        for (int i = 0; i < 6; i++) {
            SyntheticScan s = other.scan(i);
            VolumeIO.write(s.ct(), xScans.resolve("x-" + i + ".nii.gz"));
            xSheet.append("x-").append(i).append(",ext-").append(s.patientId()).append(",x-").append(i)
                    .append(".nii.gz,").append(i == 5 ? "Suspected" : ictcf[s.label() - 1]).append('\n');
        }
        Path xLabels = Files.writeString(dir.resolve("external/labels.csv"), xSheet.toString());
        Path xManifest = dir.resolve("external/manifest.csv");
        CliRun xImp = CliRun.run("1g", 120, "import", xScans.toString(), xLabels.toString(), xManifest.toString(),
                "--external");
        assertThat(xImp.exitCode()).as(xImp.stderr()).isZero();
        assertThat(JSON.readTree(xImp.stdout()).at("/splits/test").asInt()).isEqualTo(6);
        assertThat(xImp.stderr()).doesNotContain("warning");
        // an external sheet that puts a scan into training is refused in one line, nothing written
        List<String> lines = new ArrayList<>(xSheet.toString().lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i) + (i == 0 ? ",split" : i == 1 ? ",train" : ",test"));
        }
        Path xSplit = Files.write(dir.resolve("external/split.csv"), lines);
        CliRun refused = CliRun.run("1g", 60, "import", xScans.toString(), xSplit.toString(),
                dir.resolve("external/refused.csv").toString(), "--external");
        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(2);
        assertThat(refused.stderrLines()).singleElement().asString().contains("--external: scan x-0 is in the train");
        assertThat(dir.resolve("external/refused.csv")).doesNotExist();

        StoreConfig c = S3TestServer.freshConfig("hospital");
        String prefix = "s3://" + c.buckets().scans() + "/hospital";
        CliRun put = CliRun.run(S3TestServer.env(c), dir, "1g", 120, "storage", "put-cohort", manifest.toString(),
                prefix);
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        JsonNode p = JSON.readTree(put.stdout());
        assertThat(p.get("manifest").asText()).isEqualTo(prefix + "/manifest.csv");
        assertThat(p.get("uploaded").asInt()).isGreaterThan(12);
        ObjectStore store = new ObjectStore(c);
        List<ManifestRow> remote = Manifests.read(store.getBytes(S3Uri.parse(prefix + "/manifest.csv")), "remote");
        assertThat(remote).extracting(ManifestRow::uri).allMatch(u -> u.startsWith(prefix + "/scans/"));
        assertThat(remote).extracting(ManifestRow::split)
                .containsExactlyElementsOf(rows.stream().map(ManifestRow::split).toList());

        String xPrefix = "s3://" + c.buckets().scans() + "/elsewhere";
        assertThat(new CohortPut(store).put(xManifest, xPrefix).uploaded()).isEqualTo(6);
        CohortPut.Result again = new CohortPut(store).put(manifest, prefix);
        assertThat(again.uploaded()).isZero();
        assertThat(again.reused()).isEqualTo(p.get("uploaded").asInt());

        Path study = Files.writeString(dir.resolve("hospital.yaml"), """
                name: hospital
                dataset: {manifest: %s/manifest.csv, lesionMaps: none, external: %s/manifest.csv}
                preprocessing: {depth: 8, size: 30, spacingMm: 3}
                training: {width3d: 0.0625, iterations: 10, validateEvery: 5}
                seeds: 1
                evaluation: {iterations: 100, reference: 3d-plain}
                arms:
                  - {name: 3d-plain, dimensionality: 3d, lesionChannel: false, pretraining: false}
                """.formatted(prefix, xPrefix));
        CliRun plan = CliRun.run(S3TestServer.env(c), dir, "1g", 120, "study", "plan", study.toString());
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("external test set " + xPrefix + "/manifest.csv (6 scans)")
                .contains("problems: []");
        CliRun run = CliRun.run(S3TestServer.env(c), dir, "3g", 600, "study", "run", study.toString(), "--out",
                dir.resolve("report").toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr())
                .contains("left out 1 scan(s) that the input gate or preprocessing rejected: ct-bad " + "(ingest: ");
        JsonNode metrics = JSON.readTree(dir.resolve("report/metrics.json").toFile());
        assertThat(metrics.at("/models/3d-plain/auc").isNumber()).as(metrics.toString()).isTrue();
        assertThat(metrics.get("notices").toString()).contains("1 scan(s) of the dataset left out").contains("ct-bad");
        assertThat(metrics.at("/provenance/excluded/0").asText()).startsWith("ct-bad (ingest: ");
        // the external test set: evaluated on its own, in its label system, by the ensemble trained on the cohort
        JsonNode external = JSON.readTree(dir.resolve("report/external/metrics.json").toFile());
        assertThat(external.get("labelSystem").asText()).isEqualTo("ICTCF");
        assertThat(external.get("scans").asInt()).isEqualTo(6);
        assertThat(external.at("/models/3d-plain/n_roc").asInt()).isEqualTo(5);
        assertThat(external.at("/models/3d-plain/auc").isNumber()).isTrue();
        assertThat(external.at("/provenance/dataset").asText()).startsWith("external test set " + xPrefix);
        assertThat(Files.readString(dir.resolve("report/summary.md")))
                .contains("| model | internal AUC | internal QWK | external AUC |").contains("| 3d-plain | ");
        assertThat(JSON.readTree(run.stdout()).get("externalReport").asText()).endsWith("/report/external/");
        JsonNode doc = JSON.readTree(store.getBytes(new S3Uri(c.buckets().work(),
                "runs/" + JSON.readTree(run.stdout()).get("runId").asText() + "/run.json")));
        for (String id : series) {
            assertThat(doc.at("/outcomes/scan~1" + id + "~1ingest/step").asText()).isEqualTo("ingest-series");
        }

        // a damaged manifest on storage: one line that names the object, not a local copy of it
        String damaged = "s3://" + c.buckets().scans() + "/damaged/manifest.csv";
        store.putBytes(S3Uri.parse(damaged), "scan_id,patient_id\ns1,p1\n".getBytes(StandardCharsets.UTF_8),
                "text/csv");
        Path damagedStudy = Files.writeString(dir.resolve("damaged.yaml"),
                Files.readString(study).replace(xPrefix + "/manifest.csv", damaged));
        CliRun refusedPlan = CliRun.run(S3TestServer.env(c), dir, "1g", 120, "study", "plan", damagedStudy.toString());
        assertThat(refusedPlan.exitCode()).as(refusedPlan.stderr()).isEqualTo(2);
        assertThat(refusedPlan.stderrLines()).singleElement().asString()
                .contains(damaged + ": not a readable manifest");

        // a scan changed after the import: refused, nothing uploaded under the new prefix
        Files.write(scans.resolve("ct-1.nii.gz"), new byte[]{1, 2, 3});
        assertThatThrownBy(() -> new CohortPut(store).put(manifest, prefix + "-2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("scan ct-1: scans/ct-1.nii.gz has changed since it was imported");
        assertThat(store.list(c.buckets().scans(), "hospital-2/")).isEmpty();
    }
}
