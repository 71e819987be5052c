package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every writer against every reader, on small volumes with oblique (and mirrored) directions. */
class FormatRoundTripTest {
    private static final String[] EXTENSIONS = {".mha", ".mhd", ".nii", ".nii.gz"};

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (VoxelType t : VoxelType.values()) {
            for (boolean mirrored : new boolean[]{false, true}) {
                b.add(Arguments.of(t, mirrored));
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyFormatKeepsValuesAndCornerPositions(VoxelType type, boolean mirrored) throws Exception {
        Volume v = Volumes.random(type, 7);
        if (mirrored) {
            double[] d = Volumes.OBLIQUE.clone();
            d[2] = -d[2];
            d[5] = -d[5];
            d[8] = -d[8];
            Geometry g = v.geometry();
            v = v.withGeometry(new Geometry(g.size(), g.spacingMm(), g.originMm(), d));
        }
        Volume[] back = new Volume[EXTENSIONS.length];
        for (int i = 0; i < EXTENSIONS.length; i++) {
            Path f = dir.resolve("v" + EXTENSIONS[i]);
            VolumeIO.write(v, f);
            back[i] = VolumeIO.read(f).volume();
            assertThat(back[i].type()).isEqualTo(type);
            assertThat(back[i].sameVoxels(v)).as(EXTENSIONS[i]).isTrue();
        }
        // MetaImage stores doubles as decimal text: exact
        assertThat(back[0].geometry()).isEqualTo(v.geometry());
        assertThat(back[1].geometry()).isEqualTo(v.geometry());
        int[] s = v.geometry().size();
        for (int[] corner : new int[][]{{0, 0, 0}, {s[0] - 1, 0, 0}, {0, s[1] - 1, s[2] - 1},
                {s[0] - 1, s[1] - 1, s[2] - 1}}) {
            double[] expected = v.geometry().indexToPhysical(corner[0], corner[1], corner[2]);
            for (Volume r : back) {
                double[] got = r.geometry().indexToPhysical(corner[0], corner[1], corner[2]);
                for (int a = 0; a < 3; a++) {
                    // NIfTI-1 stores the affine as float32
                    assertThat(got[a]).isCloseTo(expected[a], within(1e-4));
                }
                int idx = v.geometry().index(corner[0], corner[1], corner[2]);
                assertThat(r.get(idx)).isEqualTo(v.get(idx));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rawMetaImageKeepsValuesAndGeometry(VoxelType type, boolean mirrored) throws Exception {
        Volume v = Volumes.random(type, 7);
        for (String ext : new String[]{".mha", ".mhd"}) {
            Path f = dir.resolve("raw-" + mirrored + ext);
            MetaImageIO.write(v, f, false);
            String head = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(head).as(ext).contains("CompressedData = False").doesNotContain("CompressedDataSize");
            Volume back = VolumeIO.read(f).volume();
            assertThat(back.type()).isEqualTo(type);
            assertThat(back.sameVoxels(v)).as(ext).isTrue();
            assertThat(back.geometry()).isEqualTo(v.geometry());
        }
        assertThat(dir.resolve("raw-" + mirrored + ".raw")).exists();
        long bytes = (long) v.geometry().voxelCount() * type.bytesPerVoxel();
        assertThat(Files.size(dir.resolve("raw-" + mirrored + ".raw"))).isEqualTo(bytes);
    }

    /**
     * Raw data is streamed a megabyte at a time: a volume of several megabytes, whose size is no multiple of that,
     * lands as exactly the bytes of the whole volume encoded at once, after the header, and reads back.
     */
    @ParameterizedTest
    @EnumSource(VoxelType.class)
    void rawDataOfSeveralMegabytesIsTheEncodedVolume(VoxelType type) throws Exception {
        Volume v = Volumes.random(type, 11, Geometry.of(131, 97, 89, 0.7, 0.7, 1.25));
        Path f = dir.resolve("big.mha");
        MetaImageIO.write(v, f, false);
        byte[] file = Files.readAllBytes(f);
        byte[] encoded = RawVoxels.encode(v, ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOfRange(file, file.length - encoded.length, file.length)).isEqualTo(encoded);
        assertThat(new String(file, 0, file.length - encoded.length, StandardCharsets.US_ASCII))
                .endsWith("ElementDataFile = LOCAL\n");
        assertThat(VolumeIO.read(f).volume().sameVoxels(v)).isTrue();
    }
}
