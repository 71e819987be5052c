package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written byte by byte here, so the readers are checked against the formats, not against our writers. */
class HandWrittenHeaderTest {
    @TempDir
    Path dir;

    @Test
    void metaImageTransformMatrixRowsAreAxisDirectionsAndMsbIsHonoured() throws Exception {
        String header = "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = True\n"
                + "CompressedData = False\nTransformMatrix = 0 1 0 -1 0 0 0 0 1\nOffset = 1 2 3\n"
                + "ElementSpacing = 0.5 2 4\nDimSize = 2 1 1\nElementType = MET_USHORT\nElementDataFile = LOCAL\n";
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 40000)
                .putShort((short) 7);
        Path f = dir.resolve("h.mha");
        Files.write(f, concat(header.getBytes(StandardCharsets.US_ASCII), data.array()));
        Volume v = VolumeIO.read(f).volume();
        // 40000 does not fit int16: the reader widens to float, keeping the value
        assertThat(v.type()).isEqualTo(VoxelType.FLOAT32);
        assertThat(v.get(0)).isEqualTo(40000);
        assertThat(v.get(1)).isEqualTo(7);
        // axis x runs along +y (first triple), 0.5 mm per voxel
        assertThat(v.geometry().indexToPhysical(1, 0, 0)).containsExactly(1, 2.5, 3);
        assertThat(v.geometry().indexToPhysical(0, 1, 0)).containsExactly(-1, 2, 3);
    }

    @Test
    void metaImageWithSeparateRawFile() throws Exception {
        Files.write(dir.resolve("d.raw"), new byte[]{1, 0, 2, 0});
        Files.writeString(dir.resolve("d.mhd"), "NDims = 3\nDimSize = 1 2 1\nElementType = MET_SHORT\n"
                + "ElementSpacing = 1 1 1\nElementDataFile = d.raw\n");
        Volume v = VolumeIO.read(dir.resolve("d.mhd")).volume();
        assertThat(v.type()).isEqualTo(VoxelType.INT16);
        assertThat(v.get(0, 1, 0)).isEqualTo(2);
    }

    @Test
    void nifti1QformOnlyWithNegativeQfacAndScaling() throws Exception {
        ByteBuffer b = nifti1(ByteOrder.LITTLE_ENDIAN, 4, new short[]{3, 2, 1, 2});
        b.putFloat(76, -1f); // qfac
        b.putFloat(80, 0.5f).putFloat(84, 0.5f).putFloat(88, 3f);
        b.putFloat(112, 2f).putFloat(116, -1000f); // scl_slope, scl_inter
        b.putShort(252, (short) 1); // qform_code; sform_code 0
        b.putFloat(268, 10f).putFloat(272, 20f).putFloat(276, 30f); // qoffset (RAS)
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0).putShort((short) 1).putShort((short) 500).putShort((short) 600);
        Path f = dir.resolve("q.nii");
        Files.write(f, concat(b.array(), data.array()));
        Volume v = VolumeIO.read(f).volume();
        assertThat(v.type()).isEqualTo(VoxelType.INT16);
        assertThat(v.get(0)).isEqualTo(-1000);
        assertThat(v.get(1, 0, 1)).isEqualTo(200);
        // identity quaternion, qfac −1 flips z; RAS (10,20,30) is LPS (−10,−20,30)
        assertThat(v.geometry().originMm()).containsExactly(-10, -20, 30);
        double[] p = v.geometry().indexToPhysical(1, 0, 1);
        assertThat(p[0]).isCloseTo(-10.5, within(1e-9)); // +x in RAS is −x in LPS
        assertThat(p[2]).isCloseTo(27, within(1e-9));
    }

    @Test
    void nifti1BigEndianFloatAndSlopeGivesFloat() throws Exception {
        ByteBuffer b = nifti1(ByteOrder.BIG_ENDIAN, 16, new short[]{3, 1, 1, 2});
        b.putFloat(80, 1f).putFloat(84, 1f).putFloat(88, 1f);
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2.25f);
        Path f = dir.resolve("be.nii");
        Files.write(f, concat(b.array(), data.array()));
        Volume v = VolumeIO.read(f).volume();
        assertThat(v.type()).isEqualTo(VoxelType.FLOAT32);
        assertThat(v.get(1)).isEqualTo(-2.25);
    }

    @Test
    void nifti2WithSform() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(544).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 540);
        b.put(4, (byte) 'n').put(5, (byte) '+').put(6, (byte) '2');
        b.putShort(12, (short) 2).putShort(14, (short) 8);
        long[] dim = {3, 2, 2, 1, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
        }
        for (int i = 1; i <= 3; i++) {
            b.putDouble(104 + 8 * i, 1.25);
        }
        b.putLong(168, 544);
        b.putInt(348, 1); // sform_code
        double[] srow = {-1.25, 0, 0, 5, 0, 1.25, 0, 6, 0, 0, 1.25, 7};
        for (int i = 0; i < 12; i++) {
            b.putDouble(400 + 8 * i, srow[i]);
        }
        Path f = dir.resolve("n2.nii");
        Files.write(f, concat(b.array(), new byte[]{9, 8, 7, (byte) 255}));
        Volume v = VolumeIO.read(f).volume();
        assertThat(v.type()).isEqualTo(VoxelType.UINT8);
        assertThat(v.get(1, 1, 0)).isEqualTo(255);
        assertThat(v.geometry().originMm()).containsExactly(-5, -6, 7);
        // RAS column (−1.25,0,0) is LPS (+1.25,0,0); RAS (0,1.25,0) is LPS (0,−1.25,0)
        assertThat(v.geometry().direction()).containsExactly(1, 0, 0, 0, -1, 0, 0, 0, 1);
        assertThat(v.geometry().spacingMm()).containsExactly(1.25, 1.25, 1.25);
    }

    static ByteBuffer nifti1(ByteOrder order, int datatype, short[] dims) {
        ByteBuffer b = ByteBuffer.allocate(352).order(order);
        b.putInt(0, 348);
        b.putShort(40, dims[0]);
        for (int i = 1; i < 8; i++) {
            b.putShort(40 + 2 * i, i < dims.length ? dims[i] : 1);
        }
        b.putShort(70, (short) datatype);
        b.putFloat(108, 352f);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
