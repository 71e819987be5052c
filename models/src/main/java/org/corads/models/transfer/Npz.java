package org.corads.models.transfer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.corads.steps.io.BadInputException;

/**
 * A small reader and writer for NumPy's {@code .npz} weight files (what {@code numpy.savez} writes): a zip
 * archive of {@code .npy} arrays, one per parameter, the entry name (without {@code .npy}) being the parameter
 * name. Accepted arrays: format version 1–3, little-endian {@code <f4} or {@code <f8} (read as float32),
 * C order, any rank. Anything else is refused with one line naming the entry and what would be accepted.
 * Written files use {@code <f4}, version 1, stored entries — readable by {@code numpy.load}.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final long MAX_VALUES = 1L << 29;

    private Npz() {}

    /** Reads every array of an {@code .npz} file, in archive order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, readNpy(in, file, e.getName()));
                }
            }
        } catch (ZipException e) {
            throw BadInputException.of(file, "is not an .npz (zip) weight file: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw BadInputException.of(file,
                    "holds no arrays; expected numpy.savez output with one array per parameter");
        }
        return out;
    }

    static Tensor readNpy(InputStream in, Path file, String entry) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw BadInputException.of(file, "entry " + entry + " is not a .npy array (bad magic)");
        }
        int major = magic[6];
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(Arrays.copyOf(lenBytes, 4)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? lb.getShort(0) & 0xffff : lb.getInt(0);
        if (major < 1 || major > 3 || headerLen < 0 || headerLen > 65536) {
            throw BadInputException.of(file, "entry " + entry + " has an unsupported .npy version " + major);
        }
        String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, entry, "descr");
        if (!descr.equals("<f4") && !descr.equals("<f8")) {
            throw BadInputException.of(file, "entry " + entry + " has dtype " + descr
                    + "; expected little-endian float32 (<f4) or float64 (<f8)");
        }
        if (group(FORTRAN, header, file, entry, "fortran_order").equals("True")) {
            throw BadInputException.of(file,
                    "entry " + entry + " is in Fortran order; save it C-contiguous (numpy.ascontiguousarray)");
        }
        String[] dims = group(SHAPE, header, file, entry, "shape").split(",");
        long[] shape = Arrays.stream(dims).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong)
                .toArray();
        long n = 1;
        for (long d : shape) {
            n *= d;
            if (d < 0 || n > MAX_VALUES) {
                throw BadInputException.of(file,
                        "entry " + entry + " declares an implausible shape " + Arrays.toString(shape));
            }
        }
        int bytesPer = descr.equals("<f4") ? 4 : 8;
        byte[] raw = in.readNBytes((int) (n * bytesPer));
        if (raw.length != n * bytesPer) {
            throw BadInputException.of(file,
                    "entry " + entry + " is truncated: " + raw.length + " of " + n * bytesPer + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = bytesPer == 4 ? b.getFloat() : (float) b.getDouble();
        }
        return new Tensor(shape, v);
    }

    private static String group(Pattern p, String header, Path file, String entry, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw BadInputException.of(file, "entry " + entry + " has a .npy header without '" + key + "'");
        }
        return m.group(1);
    }

    /** Writes arrays as an {@code .npz} (float32, C order); refuses an existing file. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        if (Files.exists(file)) {
            throw BadInputException.of(file, "already exists; choose another output file");
        }
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : tensors.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(npy(e.getValue()));
                zip.closeEntry();
            }
        }
    }

    static byte[] npy(Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (long d : t.shape()) {
            shape.append(d).append(", ");
        }
        String dims = t.rank() == 1 ? shape.toString().trim() : shape.substring(0, Math.max(0, shape.length() - 2));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            out.write(MAGIC);
            out.write(1);
            out.write(0);
            out.write(header.length() & 0xff);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : t.data()) {
                b.putFloat(f);
            }
            out.write(b.array());
        }
        return bos.toByteArray();
    }
}
