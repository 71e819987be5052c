package org.corads.steps.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.corads.steps.volume.Geometry;

/** The parsed text header of a MetaImage file; keys are matched case-insensitively. */
record MetaHeader(Map<String, String> fields, Path file) {

    static MetaHeader parse(InputStream in, Path file, int maxBytes) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder();
        int total = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw BadInputException.of(file,
                        f.isEmpty()
                                ? "empty or not a MetaImage file (no 'Key = Value' header)"
                                : "truncated MetaImage header: no ElementDataFile line");
            }
            if (++total > maxBytes) {
                throw BadInputException.of(file,
                        "not a MetaImage header: no ElementDataFile within " + maxBytes + " bytes");
            }
            if (c == '\n') {
                String l = line.toString().strip();
                line.setLength(0);
                if (l.isEmpty()) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw BadInputException.of(file,
                            "not a MetaImage header: line '" + clip(l) + "' is not 'Key = Value'");
                }
                String key = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                f.put(key, l.substring(eq + 1).strip());
                if (key.equals("elementdatafile")) {
                    return new MetaHeader(f, file);
                }
            } else if (c != '\r') {
                if (c < 9 || (c > 13 && c < 32)) {
                    throw BadInputException.of(file, "not a MetaImage header: binary bytes before ElementDataFile");
                }
                line.append((char) c);
            }
        }
    }

    private static String clip(String s) {
        String t = new String(s.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    String get(String key) {
        return fields.get(key.toLowerCase(Locale.ROOT));
    }

    int ndims() {
        String s = require("NDims");
        try {
            int n = Integer.parseInt(s);
            if (n == 2 || n == 3) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw BadInputException.of(file, "NDims = " + s + " is not supported; expected 2 or 3");
    }

    long[] dims() {
        int n = ndims();
        double[] d = numbers("DimSize", n, null);
        long[] out = {1, 1, 1};
        for (int i = 0; i < n; i++) {
            if (d[i] != Math.rint(d[i]) || d[i] < 1) {
                throw BadInputException.of(file, "DimSize " + get("DimSize") + " must be positive integers");
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    RawVoxels.Stored elementType() {
        String t = require("ElementType").toUpperCase(Locale.ROOT);
        String channels = get("ElementNumberOfChannels");
        if (channels != null && !channels.strip().equals("1")) {
            throw BadInputException.of(file, "ElementNumberOfChannels = " + channels + " is not supported; expected 1");
        }
        return switch (t) {
            case "MET_CHAR" -> RawVoxels.Stored.INT8;
            case "MET_UCHAR" -> RawVoxels.Stored.UINT8;
            case "MET_SHORT" -> RawVoxels.Stored.INT16;
            case "MET_USHORT" -> RawVoxels.Stored.UINT16;
            case "MET_INT", "MET_LONG" -> RawVoxels.Stored.INT32;
            case "MET_UINT", "MET_ULONG" -> RawVoxels.Stored.UINT32;
            case "MET_FLOAT" -> RawVoxels.Stored.FLOAT32;
            case "MET_DOUBLE" -> RawVoxels.Stored.FLOAT64;
            default -> throw BadInputException.of(file, "ElementType " + t + " is not supported; expected one of "
                    + "MET_CHAR, MET_UCHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_FLOAT, MET_DOUBLE");
        };
    }

    boolean compressed() {
        return "true".equalsIgnoreCase(get("CompressedData"));
    }

    boolean msb() {
        String s = get("BinaryDataByteOrderMSB");
        if (s == null) {
            s = get("ElementByteOrderMSB");
        }
        return "true".equalsIgnoreCase(s);
    }

    String dataFile() {
        return require("ElementDataFile");
    }

    Geometry geometry() {
        int n = ndims();
        long[] dims = dims();
        double[] spacing = numbers(get("ElementSpacing") != null ? "ElementSpacing" : "ElementSize", n, 1.0);
        double[] origin = numbers(firstPresent("Offset", "Position", "Origin"), n, 0.0);
        double[] dir = Geometry.IDENTITY.clone();
        String dkey = firstPresent("TransformMatrix", "Rotation", "Orientation");
        if (dkey != null) {
            double[] m = numbers(dkey, n * n, null);
            for (int axis = 0; axis < n; axis++) {
                for (int r = 0; r < n; r++) {
                    dir[r * 3 + axis] = m[axis * n + r];
                }
            }
        }
        double[] sp = {spacing[0], spacing[1], n == 3 ? spacing[2] : 1.0};
        for (double s : sp) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw BadInputException.of(file,
                        "ElementSpacing " + get("ElementSpacing") + " must be finite and > 0 mm");
            }
        }
        try {
            return new Geometry(new int[]{(int) dims[0], (int) dims[1], (int) dims[2]}, sp,
                    new double[]{origin[0], origin[1], n == 3 ? origin[2] : 0}, dir);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(file, "invalid geometry: " + e.getMessage());
        }
    }

    private String firstPresent(String... keys) {
        for (String k : keys) {
            if (get(k) != null) {
                return k;
            }
        }
        return null;
    }

    private String require(String key) {
        String v = get(key);
        if (v == null) {
            throw BadInputException.of(file, "MetaImage header lacks " + key);
        }
        return v;
    }

    /** Parses {@code count} numbers of field {@code key}; a missing field gives {@code fill} for each. */
    private double[] numbers(String key, int count, Double fill) {
        String v = key == null ? null : get(key);
        double[] out = new double[count];
        if (v == null) {
            if (fill == null) {
                throw BadInputException.of(file, "MetaImage header lacks " + key);
            }
            Arrays.fill(out, fill);
            return out;
        }
        String[] parts = v.strip().split("\\s+");
        if (parts.length < count) {
            throw BadInputException.of(file, key + " = " + v + " has " + parts.length + " values; expected " + count);
        }
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw BadInputException.of(file, key + " = " + v + " is not numeric");
            }
            if (!Double.isFinite(out[i])) {
                throw BadInputException.of(file, key + " = " + v + " is not finite");
            }
        }
        return out;
    }
}
