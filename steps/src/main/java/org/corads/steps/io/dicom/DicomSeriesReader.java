package org.corads.steps.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.corads.steps.io.BadInputException;
import org.corads.steps.io.LoadedVolume;
import org.corads.steps.io.ReadLimits;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Assembles a volume from a DICOM series folder (or reads one DICOM file as a one-slice volume).
 *
 * <p>Files without the Part 10 prefix are ignored. When the folder holds several series, the CT series with
 * the most slices is read and the others are named in a warning. Slices are ordered by ImagePositionPatient
 * projected on the slice normal (row × column direction of ImageOrientationPatient); the origin is the first
 * slice's position and the z spacing the median gap. A gap that differs from the median by more than
 * {@value #GAP_ERROR_FRACTION} of it (a missing slice, a mixed series) is an error; above
 * {@value #GAP_WARN_FRACTION} a warning. Rescale slope/intercept are applied per slice.
 */
public final class DicomSeriesReader {
    static final double GAP_ERROR_FRACTION = 0.10;
    static final double GAP_WARN_FRACTION = 0.01;
    private static final int MAX_FILES = 100_000;

    private DicomSeriesReader() {}

    /** True when {@code file} starts like a DICOM Part 10 file. */
    public static boolean isDicomFile(Path file) {
        return Files.isRegularFile(file) && DicomParser.isPart10(file);
    }

    public static LoadedVolume read(Path path, ReadLimits limits) {
        List<DicomSlice> slices = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (Files.isDirectory(path)) {
            slices = chooseSeries(path, scan(path, limits), warnings);
        } else {
            slices.add(DicomParser.parse(path, limits.maxBytes()));
        }
        return assemble(path, slices, warnings, limits);
    }

    private static List<DicomSlice> scan(Path dir, ReadLimits limits) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, 4)) {
            files = s.filter(Files::isRegularFile).sorted().limit(MAX_FILES + 1L).toList();
        } catch (IOException e) {
            throw BadInputException.of(dir, "cannot list folder: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw BadInputException.of(dir, "empty folder; expected a DICOM series");
        }
        if (files.size() > MAX_FILES) {
            throw BadInputException.of(dir, "more than " + MAX_FILES + " files; expected one DICOM series");
        }
        // parsed on all cores; the first bad file in name order is the one reported, as one by one
        List<Parsed> parsed = files.parallelStream().filter(DicomParser::isPart10).map(f -> Parsed.of(f, limits))
                .toList();
        List<DicomSlice> out = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.error() != null) {
                throw p.error();
            }
            out.add(p.slice());
        }
        if (out.isEmpty()) {
            throw BadInputException.of(dir,
                    "no DICOM Part 10 files among " + files.size() + " files; expected a DICOM series");
        }
        return out;
    }

    private record Parsed(DicomSlice slice, BadInputException error) {
        static Parsed of(Path file, ReadLimits limits) {
            try {
                return new Parsed(DicomParser.parse(file, limits.maxBytes()), null);
            } catch (BadInputException e) {
                return new Parsed(null, e);
            }
        }
    }

    private static List<DicomSlice> chooseSeries(Path dir, List<DicomSlice> all, List<String> warnings) {
        Map<String, List<DicomSlice>> bySeries = new LinkedHashMap<>();
        for (DicomSlice s : all) {
            bySeries.computeIfAbsent(s.seriesUid(), k -> new ArrayList<>()).add(s);
        }
        Comparator<List<DicomSlice>> rank = Comparator
                .comparing((List<DicomSlice> l) -> "CT".equals(l.get(0).modality())).thenComparingInt(List::size);
        List<DicomSlice> best = bySeries.values().stream().max(rank).orElseThrow();
        if (bySeries.size() > 1) {
            StringBuilder sb = new StringBuilder("folder holds " + bySeries.size() + " series; read "
                    + best.get(0).seriesUid() + " (" + best.size() + " slices), ignored:");
            bySeries.forEach((uid, l) -> {
                if (l != best) {
                    sb.append(' ').append(uid).append(" (").append(l.get(0).modality()).append(", ").append(l.size())
                            .append(" slices)");
                }
            });
            warnings.add(sb.toString());
        }
        return best;
    }

    private static LoadedVolume assemble(Path path, List<DicomSlice> slices, List<String> warnings, ReadLimits limits) {
        DicomSlice first = slices.get(0);
        SeriesChecks.consistent(path, slices);
        double[] iop = first.orientation() != null ? first.orientation() : new double[]{1, 0, 0, 0, 1, 0};
        DicomSlice probe = new DicomSlice(first.file(), "", null, new double[3], iop, null, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                null, 0, 0);
        double[] n = probe.normal();
        List<DicomSlice> sorted = new ArrayList<>(slices);
        if (sorted.size() > 1) {
            sorted.sort(Comparator.comparingDouble(s -> s.normalPosition(n)));
        }
        double[] gaps = SeriesChecks.gaps(path, sorted, n);
        double dz = SeriesChecks.sliceSpacing(path, gaps, first, warnings);
        int nx = first.columns();
        int ny = first.rows();
        int nz = sorted.size();
        limits.check(path, new long[]{nx, ny, nz}, Math.max(2, first.bitsAllocated() / 8));
        double[] ps = first.pixelSpacingMm() != null ? first.pixelSpacingMm() : new double[]{1, 1};
        if (first.pixelSpacingMm() == null) {
            warnings.add("no PixelSpacing (0028,0030); assumed 1 mm");
        }
        double[] dir = {iop[0], iop[3], n[0], iop[1], iop[4], n[1], iop[2], iop[5], n[2]};
        double[] origin = sorted.get(0).positionMm() != null ? sorted.get(0).positionMm() : new double[3];
        Geometry g;
        try {
            g = new Geometry(new int[]{nx, ny, nz}, new double[]{ps[1], ps[0], dz}, origin, dir);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(path, "invalid DICOM geometry: " + e.getMessage());
        }
        Volume v = SliceDecoder.decode(g, sorted, limits);
        return new LoadedVolume(v, "dicom", Optional.ofNullable(first.modality()), warnings, gaps);
    }

    /** Raw pixel bytes of one slice, for the decoder. */
    static ByteBuffer pixels(DicomSlice s, ReadLimits limits) {
        return DicomParser.pixels(s, limits.maxBytes());
    }
}
