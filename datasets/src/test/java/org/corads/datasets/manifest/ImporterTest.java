package org.corads.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.steps.core.Sha256;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
    @TempDir
    Path dir;

    Path scans() throws Exception {
        Path s = Files.createDirectories(dir.resolve("scans"));
        Files.writeString(s.resolve("a.nii.gz"), "scan a");
        Files.writeString(s.resolve("b.mha"), "scan b");
        return s;
    }

    @Test
    void aValidFolderBecomesAManifestWithDigests() throws Exception {
        Path scans = scans();
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels,
                "scan_id,patient_id,file,label,slice_thickness_mm\na,p1,a.nii.gz,Control,1.0\nb,p2,b.mha,Severe,\n");
        Path manifest = dir.resolve("manifest.csv");
        List<ManifestRow> rows = Importer.importTo(scans, labels, manifest);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).labelSystem()).isEqualTo("ICTCF");
        assertThat(rows.get(0).digest()).isEqualTo(Sha256.of(scans.resolve("a.nii.gz")));
        assertThat(rows.get(0).sliceThicknessMm()).isEqualTo(1.0);
        assertThat(Manifests.read(manifest)).isEqualTo(rows);
    }

    @Test
    void badRowsAreReportedWithLineNumbersAndNothingIsImported() throws Exception {
        Path scans = scans();
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels,
                String.join("\n", "scan_id,patient_id,file,label,sha256", "a,p1,a.nii.gz,3,", "b,p2,b.mha,7,",
                        "c,p3,missing.mha,2,", "a,p4,b.mha,4,", "d,p5,a.nii.gz,1,00ff", "e,p6,../labels.csv,1,")
                        + "\n");
        Path manifest = dir.resolve("manifest.csv");
        assertThatThrownBy(() -> Importer.importTo(scans, labels, manifest)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("5 row(s) with problems, nothing imported")
                .hasMessageContaining("line 3: unknown label '7'")
                .hasMessageContaining("line 4: file 'missing.mha' not found")
                .hasMessageContaining("line 5: duplicate scan_id 'a'")
                .hasMessageContaining("line 6: digest of 'a.nii.gz'")
                .hasMessageContaining("line 7: file '../labels.csv' lies outside");
        assertThat(manifest).doesNotExist();
    }

    @Test
    void everyProblemOfEveryRowIsReportedNotOnlyTheFirst() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "scan_id,patient_id,file,label,slice_thickness_mm\n"
                + "a,,missing.mha,seven,thick\nb,p2,b.mha,3,\nc,p3,,,1.0\n");
        assertThatThrownBy(() -> Importer.importTo(scans(), labels, dir.resolve("manifest.csv")))
                .hasMessageContaining("2 row(s) with problems")
                .hasMessageContaining(
                        "line 2: missing patient_id, unknown label 'seven', file 'missing.mha' not found" + " in ")
                .hasMessageContaining("slice_thickness_mm 'thick' is not a number")
                .hasMessageContaining("line 4: missing file, label");
    }

    @Test
    void aLabelsFileWithoutTheRequiredColumnsIsRefused() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "id,label\nx,1\n");
        assertThatThrownBy(() -> Importer.importFolder(scans(), labels))
                .hasMessageContaining("missing column 'scan_id'");
    }

    @Test
    void withoutASplitColumnSplitsAreAssignedAndWithOneTheyAreKept() throws Exception {
        Path scans = scans();
        Path labels = dir.resolve("labels.csv");
        StringBuilder sheet = new StringBuilder("scan_id,patient_id,file,label\n");
        for (int i = 0; i < 20; i++) {
            sheet.append("s").append(i).append(",p").append(i / 2).append(',').append(i % 2 == 0 ? "a.nii.gz" : "b.mha")
                    .append(',').append(1 + i % 5).append('\n');
        }
        Files.writeString(labels, sheet.toString());
        List<ManifestRow> rows = Importer.importFolder(scans, labels);
        assertThat(rows).extracting(ManifestRow::split).containsOnly("train", "validation", "test");
        assertThat(rows.stream().filter(r -> r.split().equals("test"))).isNotEmpty();
        assertThat(rows).isEqualTo(Importer.importFolder(scans, labels));
        for (ManifestRow r : rows) {
            assertThat(rows.stream().filter(o -> o.patientId().equals(r.patientId())).map(ManifestRow::split))
                    .as("patient %s", r.patientId()).containsOnly(r.split());
        }

        Files.writeString(labels, "scan_id,patient_id,file,label,split\na,p1,a.nii.gz,1,Test\nb,p2,b.mha,4,train\n");
        assertThat(Importer.importFolder(scans, labels)).extracting(ManifestRow::split).containsExactly("test",
                "train");
    }

    @Test
    void aGivenSplitThatIsNoSplitOrLeaksAPatientIsRefused() throws Exception {
        Path scans = scans();
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "scan_id,patient_id,file,label,split\na,p1,a.nii.gz,1,train\n"
                + "b,p1,b.mha,4,test\nc,p2,b.mha,2,holdout\nd,p3,a.nii.gz,3,\n");
        assertThatThrownBy(() -> Importer.importTo(scans, labels, dir.resolve("m.csv")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("3 row(s) with problems")
                .hasMessageContaining("line 4: split 'holdout' is not train, validation or test")
                .hasMessageContaining("line 5: missing split")
                .hasMessageContaining("patient 'p1' is in test (line 3) and train (line 2)");
        assertThat(dir.resolve("m.csv")).doesNotExist();
    }

    @Test
    void aDicomSeriesFolderIsOneScanWithADigestOfItsFiles() throws Exception {
        Path scans = scans();
        Path series = Files.createDirectories(scans.resolve("series-1"));
        Files.writeString(series.resolve("IM0002"), "slice 2");
        Files.writeString(series.resolve("IM0001"), "slice 1");
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "scan_id,patient_id,file,label,split\nct,p1,series-1,3,test\n");
        ManifestRow row = Importer.importFolder(scans, labels).get(0);
        assertThat(row.uri()).isEqualTo("series-1/");
        String digest = row.digest();
        assertThat(digest).isEqualTo(Sha256.of("IM0001 " + Sha256.of(series.resolve("IM0001")) + "\nIM0002 "
                + Sha256.of(series.resolve("IM0002")) + "\n"));
        Files.writeString(series.resolve("IM0002"), "slice 2, changed");
        assertThat(Importer.importFolder(scans, labels).get(0).digest()).isNotEqualTo(digest);

        Files.createDirectories(scans.resolve("empty"));
        Files.writeString(labels, "scan_id,patient_id,file,label\nct,p1,empty,3\nx,p2,.,2\n");
        assertThatThrownBy(() -> Importer.importFolder(scans, labels))
                .hasMessageContaining("line 2: file 'empty' cannot be read: the folder holds no files")
                .hasMessageContaining("line 3: file '.' is the scans folder itself");
    }
}
