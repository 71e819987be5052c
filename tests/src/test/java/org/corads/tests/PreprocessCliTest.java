package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.report.Montage;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;
import org.corads.testkit.CliRun;
import org.corads.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preprocess} of the packaged app on the real full-size CT and on a head phantom. */
class PreprocessCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void realCtGivesTheReferenceGridLungsAndA240By240By128Input() throws Exception {
        Path src = SharedData.ct("chest-ct-01.nii.gz");
        CliRun r = CliRun.run("2g", 180, "preprocess", src.toString(), dir.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode s = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(s.get("lungVolumeMl").asDouble()).isBetween(4800.0, 5800.0);
        assertThat(s.get("lungMeanHu").asDouble()).isBetween(-820.0, -730.0);
        assertThat(s.get("resampledSize").toString()).isEqualTo("[333,333,188]");
        assertThat(s.get("timingsMs").has("write")).isTrue();
        // the scan's first slice cuts through the lung apices: said, and the picture to check is written
        assertThat(s.get("warnings").toString()).contains("lung mask reaches the first slice");
        assertThat(dir.resolve("qc.png")).isNotEmptyFile();

        Volume hu = VolumeIO.read(src).volume();
        Volume resampled = VolumeIO.read(dir.resolve("resampled.mha")).volume();
        Geometry g = resampled.geometry();
        assertThat(g.size()).containsExactly(333, 333, 188);
        assertThat(g.spacingMm()).containsExactly(1.5, 1.5, 1.5);
        assertThat(g.originMm()).containsExactly(hu.geometry().originMm());
        assertThat(g.direction()).containsExactly(hu.geometry().direction());
        Volume mask = VolumeIO.read(dir.resolve("lung-mask.mha")).volume();
        assertThat(mask.type()).isEqualTo(VoxelType.UINT8);
        assertThat(mask.geometry()).isEqualTo(g);
        Volume input = VolumeIO.read(dir.resolve("input.mha")).volume();
        assertThat(input.geometry().size()).containsExactly(240, 240, 128);
        float[] v = input.toFloats();
        double min = 1;
        double max = 0;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertThat(min).isGreaterThanOrEqualTo(0);
        assertThat(max).isLessThanOrEqualTo(1);
        // the crop's first voxel sits at the resampled grid's (x0, y0, zFirst)
        JsonNode crop = s.get("cropOrigin");
        double[] expected = g.indexToPhysical(crop.get(0).asInt(), crop.get(1).asInt(),
                s.get("keptSlices").get(0).asInt());
        assertThat(input.geometry().originMm()).containsExactly(expected);
        Path png = Path.of("target", "montage", "preprocess-chest-ct-01.png");
        Files.createDirectories(png.getParent());
        Montage.write(resampled, mask, 110, 140, png);
        assertThat(png).isNotEmptyFile();
    }

    @Test
    void volumesAreRawUnlessCompressedIsAskedForAndHoldTheSameVoxelsEitherWay() throws Exception {
        Path src = SharedData.ct("chest-ct-01-small.nii.gz");
        CliRun raw = CliRun.run("2g", 180, "preprocess", src.toString(), dir.resolve("raw").toString());
        assertThat(raw.exitCode()).as(raw.stderr()).isZero();
        CliRun zlib = CliRun.run("2g", 180, "preprocess", "--compress", src.toString(), dir.resolve("zlib").toString());
        assertThat(zlib.exitCode()).as(zlib.stderr()).isZero();
        for (String name : new String[]{"resampled.mha", "lung-mask.mha", "input.mha"}) {
            Path a = dir.resolve("raw").resolve(name);
            Path b = dir.resolve("zlib").resolve(name);
            assertThat(header(a)).as(name).contains("CompressedData = False");
            assertThat(header(b)).as(name).contains("CompressedData = True");
            assertThat(Files.size(b)).as(name).isLessThan(Files.size(a));
            assertThat(VolumeIO.read(a).volume().sameVoxels(VolumeIO.read(b).volume())).as(name).isTrue();
        }
    }

    @Test
    void anotherGridKeepsThePapersFieldOfViewAndASpacingOutOfRangeIsRefused() throws Exception {
        Path src = SharedData.ct("chest-ct-01-small.nii.gz");
        Path out = dir.resolve("3mm");
        CliRun r = CliRun.run("2g", 180, "preprocess", src.toString(), out.toString(), "--spacing-mm", "3", "--depth",
                "32");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Geometry resampled = VolumeIO.read(out.resolve("resampled.mha")).volume().geometry();
        assertThat(resampled.spacingMm()).containsExactly(3.0, 3.0, 3.0);
        assertThat(VolumeIO.read(out.resolve("lung-mask.mha")).volume().geometry()).isEqualTo(resampled);
        Geometry input = VolumeIO.read(out.resolve("input.mha")).volume().geometry();
        // 120 voxels of 3 mm: the paper's 360 mm crop (240 of 1.5 mm)
        assertThat(input.size()).containsExactly(120, 120, 32);
        assertThat(input.spacingMm()[0]).isEqualTo(3.0);
        assertThat(JSON.readTree(r.stdout()).get("inputSize").toString()).isEqualTo("[120,120,32]");

        CliRun refused = CliRun.run("1g", 120, "preprocess", src.toString(), dir.resolve("fine").toString(),
                "--spacing-mm", "0.2");
        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(2);
        assertThat(refused.stderrLines()).singleElement().asString().contains("--spacing-mm must be 0.5–6 mm, got 0.2");
        assertThat(dir.resolve("fine")).doesNotExist();
    }

    private static String header(Path mha) throws Exception {
        byte[] b = Files.readAllBytes(mha);
        return new String(b, 0, Math.min(b.length, 600), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aHeadWithoutLungsExitsTwoWithNoLungsFound() throws Exception {
        Geometry g = Geometry.of(120, 120, 40, 2, 2, 3);
        short[] v = new short[120 * 120 * 40];
        for (int z = 0; z < 40; z++) {
            for (int y = 0; y < 120; y++) {
                for (int x = 0; x < 120; x++) {
                    double r = Math.pow((x - 60) / 50.0, 2) + Math.pow((y - 60) / 58.0, 2);
                    v[g.index(x, y, z)] = (short) (r <= 0.8 ? 35 : r <= 1 ? 900 : -1000);
                }
            }
        }
        Path head = dir.resolve("head.mha");
        VolumeIO.write(Volume.adoptShorts(g, v), head);
        CliRun r = CliRun.run("1g", 120, "preprocess", head.toString(), dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderrLines()).singleElement().asString().contains("head.mha").contains("no lungs found");
        assertThat(dir.resolve("out").resolve("summary.json")).doesNotExist();
    }
}
