package org.corads.steps.io;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.corads.steps.volume.Geometry;
import org.corads.steps.volume.Volume;

/**
 * Reads and writes MetaImage ({@code .mha} with the data after the header, {@code .mhd} with a separate
 * raw file), the format of ITK, 3D Slicer and grand-challenge.
 *
 * <p>Read: {@code NDims} 2 or 3; {@code ElementType} MET_CHAR/UCHAR/SHORT/USHORT/INT/UINT/FLOAT/DOUBLE;
 * {@code CompressedData} (zlib); {@code BinaryDataByteOrderMSB}/{@code ElementByteOrderMSB};
 * {@code Offset}/{@code Position}/{@code Origin}; {@code TransformMatrix}/{@code Rotation}/{@code Orientation}
 * whose consecutive triples are the directions of axes x, y, z (ITK's convention, i.e. the columns of
 * {@link Geometry#direction()}); {@code ElementSpacing}; {@code ElementDataFile = LOCAL} or a file name
 * relative to the header. {@code AnatomicalOrientation} is ignored on read, as ITK does.
 * Write: {@code .mha}, zlib-compressed (fast level, on all cores: {@link ParallelZlib}) unless asked for raw data,
 * little endian.
 */
public final class MetaImageIO {
    private static final int MAX_HEADER_BYTES = 1 << 16;

    private MetaImageIO() {}

    public static LoadedVolume read(Path file, ReadLimits limits) {
        try {
            return new LoadedVolume(readVolume(file, limits), "metaimage");
        } catch (IOException e) {
            throw StreamData.wrap(file, e);
        }
    }

    private static Volume readVolume(Path file, ReadLimits limits) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), StreamData.BUFFER)) {
            MetaHeader h = MetaHeader.parse(in, file, MAX_HEADER_BYTES);
            long[] dims = h.dims();
            RawVoxels.Stored stored = h.elementType();
            long n = limits.check(file, dims, stored.bytes);
            long bytes = n * stored.bytes;
            Geometry g = h.geometry();
            byte[] data;
            String dataFile = h.dataFile();
            if ("LOCAL".equalsIgnoreCase(dataFile)) {
                data = readData(in, h, bytes, file, file);
            } else {
                Path raw = resolveDataFile(file, dataFile);
                try (InputStream rin = new BufferedInputStream(Files.newInputStream(raw), StreamData.BUFFER)) {
                    data = readData(rin, h, bytes, file, raw);
                }
            }
            ByteOrder order = h.msb() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return RawVoxels.decode(g, data, stored, order, 1, 0);
        }
    }

    private static Path resolveDataFile(Path header, String dataFile) {
        if (dataFile.isEmpty() || dataFile.startsWith("LIST") || dataFile.contains("%")) {
            throw BadInputException.of(header,
                    "ElementDataFile '" + dataFile + "' is not supported; expected LOCAL or a single raw file name");
        }
        Path dir = header.toAbsolutePath().getParent();
        Path raw = dir.resolve(dataFile).normalize();
        if (!Files.isRegularFile(raw)) {
            throw BadInputException.of(header, "ElementDataFile '" + dataFile + "' not found next to the header");
        }
        return raw;
    }

    private static byte[] readData(InputStream in, MetaHeader h, long bytes, Path header, Path dataPath)
            throws IOException {
        if (h.compressed()) {
            InflaterInputStream z = new InflaterInputStream(in, new Inflater(), StreamData.BUFFER);
            byte[] data = StreamData.readExactly(z, bytes, header, "zlib-compressed voxel data");
            if (StreamData.hasMore(z)) {
                throw BadInputException.of(header,
                        "compressed data holds more than the " + bytes + " bytes that DimSize and ElementType promise");
            }
            return data;
        }
        byte[] data = StreamData.readExactly(in, bytes, header, "voxel data");
        if (StreamData.hasMore(in)) {
            throw BadInputException.of(dataPath, "holds more bytes than the " + bytes
                    + " that DimSize and ElementType promise (header/data size mismatch)");
        }
        return data;
    }

    /** Writes {@code .mha} (data inline, zlib) or {@code .mhd} + {@code .zraw}. */
    public static void write(Volume v, Path file) throws IOException {
        write(v, file, true);
    }

    /**
     * Writes {@code .mha} (data inline) or {@code .mhd} + {@code .zraw} / {@code .raw}: zlib-compressed, or raw
     * where nobody needs the files small (several times faster to write: no compression pass).
     */
    public static void write(Volume v, Path file, boolean compressed) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean separate = name.endsWith(".mhd");
        byte[] data = compressed ? deflate(RawVoxels.encode(v, ByteOrder.LITTLE_ENDIAN)) : null;
        String dataFileName = separate
                ? file.getFileName().toString().replaceAll("(?i)\\.mhd$", compressed ? ".zraw" : ".raw")
                : "LOCAL";
        String header = header(v, compressed ? data.length : -1, dataFileName);
        try {
            try (FileChannel out = FileChannel.open(tmp, CREATE, WRITE, TRUNCATE_EXISTING)) {
                writeFully(out, ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII)));
                if (!separate) {
                    writeData(v, data, out);
                }
            }
            if (separate) {
                try (FileChannel out = FileChannel.open(file.resolveSibling(dataFileName), CREATE, WRITE,
                        TRUNCATE_EXISTING)) {
                    writeData(v, data, out);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The deflated bytes where there are some, else the raw voxels streamed. */
    private static void writeData(Volume v, byte[] deflated, FileChannel out) throws IOException {
        if (deflated != null) {
            writeFully(out, ByteBuffer.wrap(deflated));
        } else {
            RawVoxels.write(v, ByteOrder.LITTLE_ENDIAN, out);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private static byte[] deflate(byte[] raw) {
        return ParallelZlib.compress(raw, Deflater.BEST_SPEED);
    }

    /** The header; {@code compressedSize} −1 for raw data. */
    static String header(Volume v, long compressedSize, String dataFile) {
        Geometry g = v.geometry();
        double[] d = g.direction();
        StringBuilder sb = new StringBuilder();
        sb.append("ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n");
        if (compressedSize < 0) {
            sb.append("CompressedData = False\n");
        } else {
            sb.append("CompressedData = True\nCompressedDataSize = ").append(compressedSize).append('\n');
        }
        sb.append("TransformMatrix = ");
        for (int axis = 0; axis < 3; axis++) {
            for (int r = 0; r < 3; r++) {
                sb.append(num(d[r * 3 + axis])).append(axis == 2 && r == 2 ? "\n" : " ");
            }
        }
        sb.append("Offset = ").append(join(g.originMm())).append('\n');
        sb.append("CenterOfRotation = 0 0 0\n");
        sb.append("AnatomicalOrientation = ").append(anatomicalOrientation(d)).append('\n');
        sb.append("ElementSpacing = ").append(join(g.spacingMm())).append('\n');
        int[] s = g.size();
        sb.append("DimSize = ").append(s[0]).append(' ').append(s[1]).append(' ').append(s[2]).append('\n');
        sb.append("ElementType = ").append(switch (v.type()) {
            case INT16 -> "MET_SHORT";
            case UINT8 -> "MET_UCHAR";
            case FLOAT32 -> "MET_FLOAT";
        }).append('\n');
        sb.append("ElementDataFile = ").append(dataFile).append('\n');
        return sb.toString();
    }

    /** ITK's three-letter code: for each axis, the side the axis comes from (e.g. RAI for identity). */
    static String anatomicalOrientation(double[] d) {
        StringBuilder sb = new StringBuilder();
        for (int axis = 0; axis < 3; axis++) {
            int best = 0;
            for (int r = 1; r < 3; r++) {
                if (Math.abs(d[r * 3 + axis]) > Math.abs(d[best * 3 + axis])) {
                    best = r;
                }
            }
            boolean positive = d[best * 3 + axis] > 0;
            sb.append(positive ? "RAI".charAt(best) : "LPS".charAt(best));
        }
        return sb.toString();
    }

    private static String join(double[] a) {
        return num(a[0]) + " " + num(a[1]) + " " + num(a[2]);
    }

    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    /** Header fields as read, for callers that only need metadata. */
    public static Map<String, String> readHeaderFields(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MetaHeader.parse(in, file, MAX_HEADER_BYTES).fields();
        }
    }
}
