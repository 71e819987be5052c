package org.corads.steps.io.dicom;

import java.nio.file.Path;
import java.util.Map;
import org.corads.steps.io.BadInputException;

/** The transfer syntaxes the reader decodes, and the names of those it refuses. */
enum TransferSyntax {
    IMPLICIT_LE("1.2.840.10008.1.2", false, false), EXPLICIT_LE("1.2.840.10008.1.2.1", true,
            false), DEFLATED_EXPLICIT_LE("1.2.840.10008.1.2.1.99", true, true);

    final String uid;
    final boolean explicitVr;
    final boolean deflated;

    TransferSyntax(String uid, boolean explicitVr, boolean deflated) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.deflated = deflated;
    }

    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"), Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"), Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K Lossless"), Map.entry("1.2.840.10008.1.2.4.203", "HTJ2K"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    static TransferSyntax of(String uid, Path file) {
        for (TransferSyntax t : values()) {
            if (t.uid.equals(uid)) {
                return t;
            }
        }
        String name = REFUSED.getOrDefault(uid, uid.startsWith("1.2.840.10008.1.2.4") ? "a JPEG family syntax" : null);
        throw BadInputException.of(file, "transfer syntax " + uid + (name != null ? " (" + name + ")" : "")
                + " is not supported; expected uncompressed Implicit/Explicit VR Little Endian or Deflated Explicit VR "
                + "Little Endian (decompress first, e.g. with 'gdcmconv --raw' or 'dcmdjpeg')");
    }
}
