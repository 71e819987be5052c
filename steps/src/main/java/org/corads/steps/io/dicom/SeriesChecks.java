package org.corads.steps.io.dicom;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.corads.steps.io.BadInputException;

/** Consistency checks across the slices of one series, and the slice spacing derived from them. */
final class SeriesChecks {

    private SeriesChecks() {}

    static void consistent(Path path, List<DicomSlice> slices) {
        DicomSlice f = slices.get(0);
        if (f.samplesPerPixel() != 1) {
            throw BadInputException.of(f.file(),
                    "SamplesPerPixel = " + f.samplesPerPixel() + "; expected 1 (grey-level CT)");
        }
        if (f.bitsAllocated() != 16 && f.bitsAllocated() != 8) {
            throw BadInputException.of(f.file(), "BitsAllocated = " + f.bitsAllocated() + "; expected 8 or 16");
        }
        for (DicomSlice s : slices) {
            if (s.rows() != f.rows() || s.columns() != f.columns() || s.bitsAllocated() != f.bitsAllocated()
                    || s.pixelRepresentation() != f.pixelRepresentation()) {
                throw BadInputException.of(s.file(),
                        "slice is " + s.columns() + "×" + s.rows() + " with " + s.bitsAllocated()
                                + " bits, unlike the series' " + f.columns() + "×" + f.rows() + " with "
                                + f.bitsAllocated() + " bits");
            }
            if (!close(s.orientation(), f.orientation(), 1e-4)
                    || !close(s.pixelSpacingMm(), f.pixelSpacingMm(), 1e-4)) {
                throw BadInputException.of(s.file(),
                        "ImageOrientationPatient or PixelSpacing differs from the series' first slice");
            }
            long expected = (long) s.rows() * s.columns() * (s.bitsAllocated() / 8);
            if (s.pixelLength() < expected) {
                throw BadInputException.of(s.file(), "pixel data hold " + s.pixelLength() + " bytes; "
                        + "Rows × Columns × " + "BitsAllocated need " + expected);
            }
            if (slices.size() > 1 && s.positionMm() == null) {
                throw BadInputException.of(s.file(), "lacks ImagePositionPatient (0020,0032); cannot order the series");
            }
        }
    }

    private static boolean close(double[] a, double[] b, double tol) {
        if (a == null || b == null) {
            return a == b;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    static double[] gaps(Path path, List<DicomSlice> sorted, double[] n) {
        double[] gaps = new double[Math.max(0, sorted.size() - 1)];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = sorted.get(i + 1).normalPosition(n) - sorted.get(i).normalPosition(n);
            if (gaps[i] < 1e-4) {
                throw BadInputException.of(path,
                        "two slices share position " + sorted.get(i).normalPosition(n) + " mm along the normal ("
                                + sorted.get(i).file().getFileName() + ", " + sorted.get(i + 1).file().getFileName()
                                + "); expected one slice per position");
            }
        }
        return gaps;
    }

    /** Median gap; errors on gaps that deviate more than the tolerance, warns on smaller deviations. */
    static double sliceSpacing(Path path, double[] gaps, DicomSlice first, List<String> warnings) {
        if (gaps.length == 0) {
            double t = first.sliceThicknessMm();
            return t > 0 && Double.isFinite(t) ? t : 1.0;
        }
        double[] s = gaps.clone();
        Arrays.sort(s);
        double median = s[s.length / 2];
        double worst = 0;
        int at = 0;
        for (int i = 0; i < gaps.length; i++) {
            double dev = Math.abs(gaps[i] - median) / median;
            if (dev > worst) {
                worst = dev;
                at = i;
            }
        }
        if (worst > DicomSeriesReader.GAP_ERROR_FRACTION) {
            throw BadInputException.of(path,
                    String.format(
                            "uneven slice spacing: gap of %.3f mm after slice %d vs median "
                                    + "%.3f mm (a missing slice?); expected spacing within %.0f%%",
                            gaps[at], at, median, DicomSeriesReader.GAP_ERROR_FRACTION * 100));
        }
        if (worst > DicomSeriesReader.GAP_WARN_FRACTION) {
            warnings.add(String.format("slice spacing varies up to %.1f%% around %.3f mm", worst * 100, median));
        }
        return median;
    }
}
