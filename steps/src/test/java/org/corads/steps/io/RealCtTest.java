package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.corads.steps.gate.GateResult;
import org.corads.steps.gate.InputGate;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real chest CT. Expected values were read independently with nibabel (affine converted RAS → LPS by
 * negating x and y): origin (−250, −164, −164.5) mm, spacing 0.9765625 × 0.9765625 × 2 mm, voxel
 * [100, 200, 70] = 32 HU, HU range −1024…2976, mean −667.6728.
 */
class RealCtTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRealNiftiWithTheExpectedGeometryAndValues() {
        LoadedVolume in = VolumeIO.read(Volumes.realCt("chest-ct-01.nii.gz"));
        Volume v = in.volume();
        Geometry g = v.geometry();
        assertThat(v.type()).isEqualTo(VoxelType.INT16);
        assertThat(g.size()).containsExactly(512, 512, 141);
        assertThat(g.spacingMm()).containsExactly(0.9765625, 0.9765625, 2.0);
        assertThat(g.originMm()).containsExactly(-250, -164, -164.5);
        assertThat(g.direction()).containsExactly(Geometry.IDENTITY);
        assertThat(v.get(100, 200, 70)).isEqualTo(32);
        assertThat(g.indexToPhysical(511, 511, 140)).containsExactly(249.0234375, 335.0234375, 115.5);
        GateResult gate = InputGate.defaults().check(in);
        assertThat(gate.passed()).isTrue();
        assertThat(gate.stats().min()).isEqualTo(-1024);
        assertThat(gate.stats().max()).isEqualTo(2976);
        assertThat(gate.stats().mean()).isBetween(-667.673, -667.672);
    }

    @Test
    void convertToMetaImageAndBackIsIdentical() throws Exception {
        Volume v = VolumeIO.read(Volumes.realCt("chest-ct-01.nii.gz")).volume();
        Path mha = dir.resolve("ct.mha");
        VolumeIO.write(v, mha);
        Volume m = VolumeIO.read(mha).volume();
        assertThat(m.sameVoxelsAndGeometry(v)).isTrue();
        Path nii = dir.resolve("back.nii.gz");
        VolumeIO.write(m, nii);
        Volume back = VolumeIO.read(nii).volume();
        assertThat(back.sameVoxelsAndGeometry(v)).isTrue();
    }

    @Test
    void smallVersionHasTheAdjustedGeometry() {
        Volume v = VolumeIO.read(Volumes.realCt("chest-ct-01-small.nii.gz")).volume();
        assertThat(v.geometry().size()).containsExactly(128, 128, 141);
        assertThat(v.geometry().spacingMm()).containsExactly(3.90625, 3.90625, 2.0);
        assertThat(v.geometry().originMm()).containsExactly(-248.53515625, -162.53515625, -164.5);
    }
}
