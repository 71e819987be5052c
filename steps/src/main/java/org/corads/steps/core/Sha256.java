package org.corads.steps.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The project's one SHA-256 helper: digests of bytes, text and files, as 64 lower-case hex digits (the form
 * stored in manifests, object metadata, sidecars and model cards).
 */
public final class Sha256 {

    private Sha256() {}

    /** A fresh SHA-256 digest, for streaming. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    /** The hex form of a finished digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Digest of bytes. */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** Digest of text as UTF-8. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Digest of a file's bytes, streamed. */
    public static String of(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            in.transferTo(OutputStream.nullOutputStream());
            return hex(in.getMessageDigest());
        }
    }

    /** Digest of everything {@code in} yields (the stream is read to its end, not closed). */
    public static String of(InputStream in) throws IOException {
        DigestInputStream d = new DigestInputStream(in, newDigest());
        d.transferTo(OutputStream.nullOutputStream());
        return hex(d.getMessageDigest());
    }
}
