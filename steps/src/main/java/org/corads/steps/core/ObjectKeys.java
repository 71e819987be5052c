package org.corads.steps.core;

import java.nio.charset.StandardCharsets;

/**
 * Validation of object keys and key segments before they reach storage, so that a scan named
 * {@code ../../etc/passwd}, or one with control characters, can never escape its prefix (S3 servers with a
 * filesystem backend map keys to paths).
 */
public final class ObjectKeys {
    private static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {}

    /**
     * A full key: '/'-separated segments, each valid per {@link #segment}; no leading or trailing '/'.
     *
     * @return the key unchanged
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public static String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key is empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("object key is longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("object key '" + printable(key) + "' must not start or end with '/'");
        }
        for (String s : key.split("/", -1)) {
            segment(s);
        }
        return key;
    }

    /** One path segment: non-empty, not '.' or '..', no control characters, no '\' or '/'. */
    public static String segment(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("object key has an empty segment ('//')");
        }
        if (s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("object key segment '" + s + "' is not allowed (no relative paths)");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw new IllegalArgumentException("object key segment '" + printable(s)
                        + "' contains control character U+" + String.format("%04X", (int) c));
            }
            if (c == '\\' || c == '/') {
                throw new IllegalArgumentException("object key segment '" + printable(s) + "' contains '" + c + "'");
            }
        }
        return s;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
