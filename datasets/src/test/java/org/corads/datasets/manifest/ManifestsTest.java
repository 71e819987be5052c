package org.corads.datasets.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A manifest reads back as written, its columns by name in any order; anything else is refused in one line. */
class ManifestsTest {
    private static final List<ManifestRow> ROWS = List.of(
            new ManifestRow("s1", "p1", "scans/s1.mha", "3", "CORADS", "train", 1.25, "ab12"),
            new ManifestRow("s2", "p2", "s3://scans/s2.nii.gz", "Control", "ICTCF", "", null, "cd34"));

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path f = dir.resolve("manifest.csv");
        Manifests.write(ROWS, f);
        assertThat(Manifests.read(f)).isEqualTo(ROWS);
    }

    @Test
    void readsColumnsByTheirNamesInAnyOrder() throws IOException {
        Path f = Files.writeString(dir.resolve("manifest.csv"),
                "split,label,scan_id,digest,uri,patient_id,slice_thickness_mm,label_system\n"
                        + "train,3,s1,ab12,scans/s1.mha,p1,1.25,CORADS\n"
                        + ",Control,s2,cd34,s3://scans/s2.nii.gz,p2,,ICTCF\n");
        assertThat(Manifests.read(f)).isEqualTo(ROWS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scan_id,patient_id,uri,label,label_system,split,slice_thickness_mm,digest\\n|lists no scans",
            "garbage\\n|header columns",
            "scan_id,patient_id,uri,label,split\\ns1,p1,a.mha,3,train\\n|Missing 3 header columns",
            "scan_id,patient_id,uri,label,label_system,split,slice_thickness_mm,digest,colour\\n"
                    + "s1,p1,a.mha,3,CORADS,train,1,ab,red\\n|not a readable manifest",
            "|Empty header line"})
    void anythingElseIsRefusedInOneLine(String content, String why) throws IOException {
        Path f = Files.writeString(dir.resolve("manifest.csv"), content == null ? "" : content.replace("\\n", "\n"));
        assertThatThrownBy(() -> Manifests.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileAndAManifestHeldInMemoryAreNamedInTheError() {
        Path missing = dir.resolve("absent.csv");
        assertThatThrownBy(() -> Manifests.read(missing)).isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file");
        byte[] damaged = "scan_id\ns1\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Manifests.read(damaged, "s3://scans/cohort/manifest.csv"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s3://scans/cohort/manifest.csv: not a readable manifest")
                .hasMessageContaining("Missing 7 header columns");
    }
}
