package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Volume;
import org.corads.testkit.CliRun;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info} and {@code convert} of the packaged app on the real full-size CT. */
class CliFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void infoReportsSizeSpacingAndHuRangeOfTheRealCt() throws Exception {
        CliRun r = CliRun.run("1g", 120, "info", SharedData.ct("chest-ct-01.nii.gz").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode j = JSON.readTree(r.stdout());
        assertThat(j.get("format").asText()).isEqualTo("nifti");
        assertThat(j.get("size").toString()).isEqualTo("[512,512,141]");
        assertThat(j.get("spacingMm").get(0).asDouble()).isBetween(0.97655, 0.97665);
        assertThat(j.get("spacingMm").get(1).asDouble()).isBetween(0.97655, 0.97665);
        assertThat(j.get("spacingMm").get(2).asDouble()).isEqualTo(2.0);
        assertThat(j.get("huMin").asDouble()).isEqualTo(-1024);
        assertThat(j.get("huMax").asDouble()).isEqualTo(2976);
        assertThat(j.get("direction")).hasSize(9);
        assertThat(j.get("gate").get("passed").asBoolean()).isTrue();
    }

    @Test
    void convertToMhaAndBackKeepsVoxelsAndGeometry() throws Exception {
        Path src = SharedData.ct("chest-ct-01.nii.gz");
        Path mha = dir.resolve("ct.mha");
        Path back = dir.resolve("back.nii.gz");
        CliRun a = CliRun.run("1g", 120, "convert", src.toString(), mha.toString());
        assertThat(a.exitCode()).as(a.stderr()).isZero();
        CliRun b = CliRun.run("1g", 120, "convert", mha.toString(), back.toString());
        assertThat(b.exitCode()).as(b.stderr()).isZero();
        Volume original = VolumeIO.read(src).volume();
        assertThat(VolumeIO.read(mha).volume().sameVoxelsAndGeometry(original)).isTrue();
        assertThat(VolumeIO.read(back).volume().sameVoxelsAndGeometry(original)).isTrue();
    }

    @Test
    void convertNeverOverwritesWithoutForceNorItsInput() throws Exception {
        Path out = dir.resolve("exists.mha");
        Files.writeString(out, "keep me");
        CliRun r = CliRun.run("1g", 60, "convert", SharedData.ct("chest-ct-01-small.nii.gz").toString(),
                out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains("already exists");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        Path copy = dir.resolve("copy.mha");
        Files.copy(out, copy);
        CliRun same = CliRun.run("1g", 60, "convert", copy.toString(), copy.toString(), "--force");
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(Files.readString(copy)).isEqualTo("keep me");
    }

    @Test
    void helpOfTheAppIsPicocliAloneWithExitZero() throws Exception {
        // every command's help is checked in process by CommandHelpTest; this checks what the packaged app prints
        CliRun shortFlag = CliRun.run("256m", 60, "study", "run", "-h");
        assertThat(shortFlag.exitCode()).as(shortFlag.stderr()).isZero();
        assertThat(shortFlag.stdout()).startsWith("Usage: corads study run").contains("<study.yaml>")
                .doesNotContain("Camel");
        CliRun help = CliRun.run("256m", 60, "help", "grade");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("Usage: corads grade");
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitTwo() throws Exception {
        CliRun r = CliRun.run("256m", 60, "frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
    }
}
