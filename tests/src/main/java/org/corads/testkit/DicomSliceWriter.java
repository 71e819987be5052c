package org.corads.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * Test kit: writes single-frame DICOM Part 10 CT slices (16-bit signed) in implicit VR LE, explicit VR LE or
 * deflated explicit VR LE, with an undefined-length sequence before the image attributes so that readers
 * must skip nested items. Any transfer syntax UID can be declared, to produce refused syntaxes on purpose.
 */
public final class DicomSliceWriter {
    public static final String IMPLICIT = "1.2.840.10008.1.2";
    public static final String EXPLICIT = "1.2.840.10008.1.2.1";
    public static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    /**
     * One slice's attributes.
     *
     * @param stored              pixel values as stored (before rescale), rows × columns, row-major
     * @param pixelRepresentation 1: the stored values are signed; 0: unsigned (their 16 bits read as 0–65535)
     */
    public record Slice(String seriesUid, String modality, double[] positionMm, double[] orientation,
            double[] pixelSpacingMm, double slope, double intercept, int rows, int columns, short[] stored,
            int instanceNumber, int pixelRepresentation) {}

    private DicomSliceWriter() {}

    public static void write(Path file, Slice s, String transferSyntax) throws IOException {
        boolean explicit = !IMPLICIT.equals(transferSyntax);
        ByteArrayOutputStream ds = new ByteArrayOutputStream();
        Enc e = new Enc(ds, explicit);
        e.str(0x0008, 0x0060, "CS", s.modality());
        e.undefinedSequence(0x0008, 0x1140); // Referenced Image Sequence, one item with one element
        e.str(0x0018, 0x0050, "DS", "1.000000");
        e.str(0x0020, 0x000E, "UI", s.seriesUid());
        e.str(0x0020, 0x0013, "IS", Integer.toString(s.instanceNumber()));
        e.str(0x0020, 0x0032, "DS", fmt(s.positionMm()));
        e.str(0x0020, 0x0037, "DS", fmt(s.orientation()));
        e.us(0x0028, 0x0002, 1);
        e.str(0x0028, 0x0004, "CS", "MONOCHROME2");
        e.us(0x0028, 0x0010, s.rows());
        e.us(0x0028, 0x0011, s.columns());
        e.str(0x0028, 0x0030, "DS", fmt(s.pixelSpacingMm()));
        e.us(0x0028, 0x0100, 16);
        e.us(0x0028, 0x0101, 16);
        e.us(0x0028, 0x0102, 15);
        e.us(0x0028, 0x0103, s.pixelRepresentation());
        e.str(0x0028, 0x1052, "DS", fmt(s.intercept()));
        e.str(0x0028, 0x1053, "DS", fmt(s.slope()));
        ByteBuffer px = ByteBuffer.allocate(s.stored().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        px.asShortBuffer().put(s.stored());
        e.bytes(0x7FE0, 0x0010, "OW", px.array());
        byte[] body = ds.toByteArray();
        if (DEFLATED.equals(transferSyntax)) {
            body = deflate(body);
        }
        ByteArrayOutputStream file0 = new ByteArrayOutputStream();
        file0.write(new byte[128]);
        file0.write("DICM".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream metaBody = new ByteArrayOutputStream();
        Enc m = new Enc(metaBody, true);
        m.bytes(0x0002, 0x0001, "OB", new byte[]{0, 1});
        m.str(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.2");
        m.str(0x0002, 0x0003, "UI", s.seriesUid() + "." + s.instanceNumber());
        m.str(0x0002, 0x0010, "UI", transferSyntax);
        byte[] meta = metaBody.toByteArray();
        Enc head = new Enc(file0, true);
        head.ul(0x0002, 0x0000, meta.length);
        file0.write(meta);
        file0.write(body);
        Files.write(file, file0.toByteArray());
    }

    private static byte[] deflate(byte[] b) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(b);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!d.finished()) {
            out.write(chunk, 0, d.deflate(chunk));
        }
        d.end();
        return out.toByteArray();
    }

    private static String fmt(double... v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : "\\").append(String.format(Locale.ROOT, "%.6f", v[i]));
        }
        return sb.toString();
    }

    /** Little-endian element encoder. */
    private static final class Enc {
        private final ByteArrayOutputStream out;
        private final boolean explicit;

        Enc(ByteArrayOutputStream out, boolean explicit) {
            this.out = out;
            this.explicit = explicit;
        }

        void str(int g, int el, String vr, String value) {
            byte[] v = value.getBytes(StandardCharsets.US_ASCII);
            if (v.length % 2 == 1) {
                byte[] p = new byte[v.length + 1];
                System.arraycopy(v, 0, p, 0, v.length);
                p[v.length] = (byte) ("UI".equals(vr) ? 0 : ' ');
                v = p;
            }
            bytes(g, el, vr, v);
        }

        void us(int g, int el, int value) {
            bytes(g, el, "US", new byte[]{(byte) value, (byte) (value >> 8)});
        }

        void ul(int g, int el, int value) {
            bytes(g, el, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        void bytes(int g, int el, String vr, byte[] v) {
            tag(g, el);
            if (explicit) {
                out.write(vr.charAt(0));
                out.write(vr.charAt(1));
                if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN")) {
                    short16(0);
                    int32(v.length);
                } else {
                    short16(v.length);
                }
            } else {
                int32(v.length);
            }
            out.writeBytes(v);
        }

        void undefinedSequence(int g, int el) {
            tag(g, el);
            if (explicit) {
                out.write('S');
                out.write('Q');
                short16(0);
            }
            int32(-1);
            tag(0xFFFE, 0xE000);
            int32(-1);
            str(0x0008, 0x1150, "UI", "1.2.840.10008.5.1.4.1.1.2");
            tag(0xFFFE, 0xE00D);
            int32(0);
            tag(0xFFFE, 0xE0DD);
            int32(0);
        }

        private void tag(int g, int el) {
            short16(g);
            short16(el);
        }

        private void short16(int v) {
            out.write(v & 0xFF);
            out.write((v >> 8) & 0xFF);
        }

        private void int32(int v) {
            short16(v & 0xFFFF);
            short16((v >>> 16) & 0xFFFF);
        }
    }
}
