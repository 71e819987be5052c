package org.corads.steps.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.corads.steps.io.BadInputException;

/**
 * A small DICOM Part 10 parser: file meta information (always explicit VR little endian), then the data
 * set in implicit VR LE, explicit VR LE or deflated explicit VR LE. Sequences (defined or undefined length)
 * are skipped; only the attributes in {@link DicomSlice} are kept. Every length is bounds-checked, so a
 * truncated or corrupt file gives a {@link BadInputException} naming the element, never an overrun.
 */
final class DicomParser {
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR",
            "UT", "UV");
    private static final int MAX_DEPTH = 16;

    private final Path file;
    private ByteBuffer buf;
    private boolean explicit;

    private String seriesUid = "";
    private String modality = null;
    private double[] position;
    private double[] orientation;
    private double[] spacing;
    private double thickness = Double.NaN;
    private int rows = -1;
    private int columns = -1;
    private int bitsAllocated = 16;
    private int pixelRepresentation = 0;
    private int samples = 1;
    private double slope = 1;
    private double intercept = 0;
    private int instance = 0;
    private long pixelOffset = -1;
    private long pixelLength = 0;

    private DicomParser(Path file) {
        this.file = file;
    }

    /** True when the file has the Part 10 preamble and "DICM" prefix. */
    static boolean isPart10(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses a slice's attributes; pixel data are located, not decoded. */
    static DicomSlice parse(Path file, long maxInflatedBytes) {
        DicomParser p = new DicomParser(file);
        return p.run(dataset(file, maxInflatedBytes));
    }

    /** The raw pixel bytes of a parsed slice. */
    static ByteBuffer pixels(DicomSlice s, long maxInflatedBytes) {
        Dataset d = dataset(s.file(), maxInflatedBytes);
        ByteBuffer b = d.bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position((int) s.pixelOffset()).limit((int) (s.pixelOffset() + s.pixelLength()));
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private record Dataset(ByteBuffer bytes, TransferSyntax syntax) {}

    private static Dataset dataset(Path file, long maxInflatedBytes) {
        byte[] all;
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) {
                throw BadInputException.of(file, "DICOM file of " + size + " bytes is too large for one slice");
            }
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read: " + e.getMessage());
        }
        if (all.length < 132 || all[128] != 'D' || all[129] != 'I' || all[130] != 'C' || all[131] != 'M') {
            throw BadInputException.of(file, "not a DICOM Part 10 file (no 'DICM' prefix at byte 128)");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        b.position(132);
        DicomParser meta = new DicomParser(file);
        meta.buf = b;
        meta.explicit = true;
        String tsUid = null;
        while (b.remaining() >= 8 && b.getShort(b.position()) == 0x0002) {
            Element e = meta.next();
            if (e.tag == 0x00020010) {
                tsUid = meta.string(e);
            }
            meta.skipValue(e, 0);
        }
        if (tsUid == null) {
            throw BadInputException.of(file, "DICOM file meta information lacks the transfer syntax (0002,0010)");
        }
        TransferSyntax ts = TransferSyntax.of(tsUid, file);
        ByteBuffer rest = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (ts.deflated) {
            rest = ByteBuffer.wrap(inflate(rest, file, maxInflatedBytes)).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new Dataset(rest, ts);
    }

    private static byte[] inflate(ByteBuffer in, Path file, long maxBytes) {
        Inflater inf = new Inflater(true);
        try {
            byte[] src = new byte[in.remaining()];
            in.get(src);
            inf.setInput(src);
            ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 4);
            byte[] chunk = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(chunk);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(chunk, 0, n);
                if (out.size() > maxBytes) {
                    throw BadInputException.of(file,
                            "deflated data set expands beyond the memory budget of " + maxBytes + " bytes; refused");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw BadInputException.of(file, "corrupt deflated data set (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }

    private DicomSlice run(Dataset d) {
        buf = d.bytes;
        explicit = d.syntax.explicitVr;
        while (buf.remaining() >= 8) {
            Element e = next();
            if (e.tag == 0x7FE00010) {
                if (e.length == UNDEFINED) {
                    throw BadInputException.of(file, "encapsulated (compressed) pixel data are not supported");
                }
                checkAvailable(e);
                pixelOffset = buf.position();
                pixelLength = e.length;
                break;
            }
            if (!e.isSequence() && e.length != UNDEFINED) {
                checkAvailable(e);
                keep(e);
            }
            skipValue(e, 0);
        }
        if (rows <= 0 || columns <= 0) {
            throw BadInputException.of(file, "DICOM image lacks Rows/Columns (0028,0010/0011); not an image?");
        }
        if (pixelOffset < 0) {
            throw BadInputException.of(file, "DICOM file has no pixel data (7FE0,0010)");
        }
        return new DicomSlice(file, seriesUid, modality, position, orientation, spacing, thickness, rows, columns,
                bitsAllocated, pixelRepresentation, samples, slope, intercept, instance, d.syntax, pixelOffset,
                pixelLength);
    }

    private void keep(Element e) {
        switch (e.tag) {
            case 0x00080060 -> modality = string(e);
            case 0x0020000E -> seriesUid = string(e);
            case 0x00200013 -> instance = (int) Math.round(numbers(e, 1)[0]);
            case 0x00200032 -> position = numbers(e, 3);
            case 0x00200037 -> orientation = numbers(e, 6);
            case 0x00280030 -> spacing = numbers(e, 2);
            case 0x00180050 -> thickness = numbers(e, 1)[0];
            case 0x00280002 -> samples = ushort(e);
            case 0x00280010 -> rows = ushort(e);
            case 0x00280011 -> columns = ushort(e);
            case 0x00280100 -> bitsAllocated = ushort(e);
            case 0x00280103 -> pixelRepresentation = ushort(e);
            case 0x00281052 -> intercept = numbers(e, 1)[0];
            case 0x00281053 -> slope = numbers(e, 1)[0];
            default -> {
                // not needed
            }
        }
    }

    private static final long UNDEFINED = 0xFFFFFFFFL;

    private record Element(int tag, String vr, long length) {
        boolean isSequence() {
            return "SQ".equals(vr) || (length == UNDEFINED && tag != 0x7FE00010);
        }
    }

    private Element next() {
        if (buf.remaining() < 8) {
            throw BadInputException.of(file, "truncated DICOM element header at byte " + buf.position());
        }
        int group = buf.getShort() & 0xFFFF;
        int elem = buf.getShort() & 0xFFFF;
        int tag = (group << 16) | elem;
        if (group == 0xFFFE) {
            return new Element(tag, null, buf.getInt() & 0xFFFFFFFFL);
        }
        if (!explicit) {
            return new Element(tag, null, buf.getInt() & 0xFFFFFFFFL);
        }
        String vr = "" + (char) buf.get() + (char) buf.get();
        if (!vr.matches("[A-Z]{2}")) {
            throw BadInputException.of(file,
                    String.format("corrupt DICOM element (%04X,%04X): invalid VR", group, elem));
        }
        if (LONG_VRS.contains(vr)) {
            if (buf.remaining() < 6) {
                throw BadInputException.of(file, "truncated DICOM element header at byte " + buf.position());
            }
            buf.getShort();
            return new Element(tag, vr, buf.getInt() & 0xFFFFFFFFL);
        }
        return new Element(tag, vr, buf.getShort() & 0xFFFF);
    }

    private void checkAvailable(Element e) {
        if (e.length > buf.remaining()) {
            throw BadInputException.of(file,
                    String.format("truncated DICOM element (%04X,%04X): %d bytes promised, %d left", e.tag >>> 16,
                            e.tag & 0xFFFF, e.length, buf.remaining()));
        }
    }

    /** Skips an element's value, walking undefined-length sequences and items. */
    private void skipValue(Element e, int depth) {
        if (depth > MAX_DEPTH) {
            throw BadInputException.of(file, "DICOM sequences nested deeper than " + MAX_DEPTH);
        }
        if (e.length != UNDEFINED) {
            checkAvailable(e);
            buf.position(buf.position() + (int) e.length);
            return;
        }
        // undefined length: a sequence of items up to (FFFE,E0DD), or an item up to (FFFE,E00D)
        int end = e.tag == 0xFFFEE000 ? 0xFFFEE00D : 0xFFFEE0DD;
        while (true) {
            Element inner = next();
            if (inner.tag == end) {
                return;
            }
            skipValue(inner, depth + 1);
        }
    }

    private String string(Element e) {
        checkAvailable(e);
        byte[] b = new byte[(int) e.length];
        buf.get(buf.position(), b);
        return new String(b, StandardCharsets.US_ASCII).replace("\0", "").strip();
    }

    private int ushort(Element e) {
        checkAvailable(e);
        if (e.length < 2) {
            throw BadInputException.of(file,
                    String.format("DICOM element (%04X,%04X) is too short for US", e.tag >>> 16, e.tag & 0xFFFF));
        }
        return buf.getShort(buf.position()) & 0xFFFF;
    }

    private double[] numbers(Element e, int count) {
        String s = string(e);
        String[] parts = s.split("\\\\");
        if (parts.length < count) {
            throw BadInputException.of(file,
                    String.format("DICOM element (%04X,%04X) = '%s' has %d values; expected %d", e.tag >>> 16,
                            e.tag & 0xFFFF, s, parts.length, count));
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException ex) {
                throw BadInputException.of(file, String.format("DICOM element (%04X,%04X) = '%s' is not numeric",
                        e.tag >>> 16, e.tag & 0xFFFF, s));
            }
            if (!Double.isFinite(out[i])) {
                throw BadInputException.of(file, String.format("DICOM element (%04X,%04X) = '%s' is not finite",
                        e.tag >>> 16, e.tag & 0xFFFF, s));
            }
        }
        return out;
    }
}
