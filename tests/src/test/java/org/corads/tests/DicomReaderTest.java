package org.corads.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Random;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.VolumeIO;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;
import org.corads.steps.volume.VoxelType;
import org.corads.testkit.DicomSliceWriter;
import org.corads.testkit.SharedData;
import org.corads.testkit.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DicomReaderTest {
    @TempDir
    Path dir;

    /** Expected values read independently with pydicom (pixel_array × RescaleSlope + RescaleIntercept). */
    @Test
    void readsTheRealSliceWithIndependentlyCheckedHu() {
        LoadedVolume in = VolumeIO.read(SharedData.ct("ct-small-slice.dcm"));
        Volume v = in.volume();
        assertThat(in.format()).isEqualTo("dicom");
        assertThat(in.modality()).contains("CT");
        assertThat(v.geometry().size()).containsExactly(128, 128, 1);
        assertThat(v.get(0, 0, 0)).isEqualTo(-849);
        assertThat(v.get(20, 10, 0)).isEqualTo(-839); // pydicom px[row 10, column 20]
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < v.voxelCount(); i++) {
            min = Math.min(min, v.get(i));
            max = Math.max(max, v.get(i));
        }
        assertThat(min).isEqualTo(-896);
        assertThat(max).isEqualTo(1167);
        assertThat(v.geometry().spacingMm()[0]).isCloseTo(0.661468, within(1e-9));
        assertThat(v.geometry().originMm()).containsExactly(-158.135803, -179.035797, -75.699997);
    }

    /**
     * Stored values are read signed or unsigned as PixelRepresentation says and rescaled: a volume of shorts where
     * every HU fits (narrow stored values), of floats where one does not (the whole 16-bit range), with the exact
     * values either way.
     */
    @ParameterizedTest
    @CsvSource({"1, 1, -1024, false, INT16", "0, 1, -1024, false, INT16", "1, 2, -1024, false, INT16",
            "1, 1, -1024, true, FLOAT32", "0, 1, -1024, true, FLOAT32", "0, 1, 0, true, FLOAT32",
            "1, 1, 0, true, INT16"})
    void storedValuesAreReadAsThePixelRepresentationSaysAndRescaled(int representation, double slope, double intercept,
            boolean wide, VoxelType type) throws Exception {
        int rows = 5;
        int columns = 7;
        int slices = 3;
        Random r = new Random(representation * 100 + (long) slope * 10 + (wide ? 1 : 0));
        double[] expected = new double[rows * columns * slices];
        for (int z = 0; z < slices; z++) {
            short[] stored = new short[rows * columns];
            for (int i = 0; i < stored.length; i++) {
                stored[i] = (short) (wide ? r.nextInt(65536) : r.nextInt(3000));
                int value = representation == 1 ? stored[i] : stored[i] & 0xFFFF;
                expected[z * stored.length + i] = slope * value + intercept;
            }
            DicomSliceWriter.write(dir.resolve("IM" + z),
                    new DicomSliceWriter.Slice("1.2.3.9", "CT", new double[]{0, 0, 2.5 * z},
                            new double[]{1, 0, 0, 0, 1, 0}, new double[]{0.7, 0.7}, slope, intercept, rows, columns,
                            stored, z + 1, representation),
                    DicomSliceWriter.EXPLICIT);
        }
        Volume v = VolumeIO.read(dir).volume();
        assertThat(v.type()).isEqualTo(type);
        assertThat(v.geometry().size()).containsExactly(columns, rows, slices);
        for (int i = 0; i < expected.length; i++) {
            assertThat(v.get(i)).as("voxel %d", i).isEqualTo(expected[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DicomSliceWriter.IMPLICIT, DicomSliceWriter.EXPLICIT, DicomSliceWriter.DEFLATED})
    void readsAShuffledSyntheticSeriesInEveryEncoding(String syntax) throws Exception {
        Volume v = obliqueVolume(6, 5, 20);
        SyntheticSeries.write(v, dir, syntax, "1.2.3.4", 42, -1);
        LoadedVolume in = VolumeIO.read(dir);
        assertThat(in.volume().sameVoxels(v)).isTrue();
        assertThat(in.volume().geometry().approximatelyEquals(v.geometry(), 1e-5)).isTrue();
        assertThat(in.sliceGapsMm()).hasSize(19);
        for (double gap : in.sliceGapsMm()) {
            assertThat(gap).isCloseTo(2.5, within(1e-5));
        }
    }

    @Test
    void picksTheCtSeriesWithMostSlicesAndNamesTheOthers() throws Exception {
        Volume big = obliqueVolume(4, 4, 18);
        Volume small = obliqueVolume(4, 4, 5);
        SyntheticSeries.write(big, dir.resolve("a"), DicomSliceWriter.EXPLICIT, "1.2.3.big", 1, -1);
        SyntheticSeries.write(small, dir.resolve("b"), DicomSliceWriter.EXPLICIT, "1.2.3.small", 2, -1);
        LoadedVolume in = VolumeIO.read(dir);
        assertThat(in.volume().geometry().nz()).isEqualTo(18);
        assertThat(in.warnings()).singleElement().asString().contains("1.2.3.small").contains("5 slices");
    }

    @Test
    void aMissingSliceIsAnError() throws Exception {
        SyntheticSeries.write(obliqueVolume(4, 4, 20), dir, DicomSliceWriter.EXPLICIT, "1.2.3", 3, 9);
        assertThatThrownBy(() -> VolumeIO.read(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("uneven slice spacing").hasMessageContaining("5.000 mm");
    }

    @Test
    void aCompressedTransferSyntaxIsNamed() throws Exception {
        SyntheticSeries.write(obliqueVolume(4, 4, 2), dir, DicomSliceWriter.JPEG_BASELINE, "1.2.3", 3, -1);
        assertThatThrownBy(() -> VolumeIO.read(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1.2.840.10008.1.2.4.50 (JPEG Baseline)");
    }

    static Volume obliqueVolume(int nx, int ny, int nz) {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[] dir = {c, 0, s, 0, 1, 0, -s, 0, c}; // rotation about y (a tilted gantry)
        Geometry g = new Geometry(new int[]{nx, ny, nz}, new double[]{0.75, 0.8, 2.5}, new double[]{-100.5, 20.25, 300},
                dir);
        short[] vox = new short[(int) g.voxelCount()];
        Random r = new Random(nx * 31L + nz);
        for (int i = 0; i < vox.length; i++) {
            vox[i] = (short) (r.nextInt(3000) - 1024);
        }
        return Volume.adoptShorts(g, vox);
    }
}
