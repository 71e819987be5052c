package org.corads.steps.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Small helpers shared by the readers: opening possibly gzipped files and exact-length reads. */
final class StreamData {
    static final int BUFFER = 1 << 16;

    private StreamData() {}

    /** Opens a file, transparently gunzipping when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, BUFFER);
        }
        return in;
    }

    /**
     * Reads exactly {@code n} bytes; a short stream is reported as truncated data.
     *
     * @param what what the bytes are, for the message
     */
    static byte[] readExactly(InputStream in, long n, Path file, String what) {
        if (n > ReadLimits.ARRAY_LIMIT) {
            throw BadInputException.of(file, what + " of " + n + " bytes is too large for one buffer");
        }
        byte[] out = new byte[(int) n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(out, off, (int) n - off);
                if (r < 0) {
                    break;
                }
                off += r;
            }
        } catch (EOFException | ZipException e) {
            throw BadInputException.of(file, "corrupt or truncated compressed data after " + off + " of " + n
                    + " bytes of " + what + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (off < n) {
            throw BadInputException.of(file,
                    "truncated: the header promises " + n + " bytes of " + what + ", the file holds " + off);
        }
        return out;
    }

    /**
     * Skips exactly {@code n} bytes without holding them (a header may claim any offset: reading up to it must not
     * allocate what it claims); a short stream is reported as truncated data.
     */
    static void skipExactly(InputStream in, long n, Path file, String what) {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
        long left = n;
        try {
            while (left > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    throw BadInputException.of(file,
                            "truncated: " + what + " end after " + (n - left) + " of " + n + " bytes");
                }
                left -= r;
            }
        } catch (EOFException | ZipException e) {
            throw BadInputException.of(file, "corrupt or truncated compressed data after " + (n - left) + " of " + n
                    + " bytes of " + what + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when at least one more byte can be read. */
    static boolean hasMore(InputStream in) {
        try {
            return in.read() >= 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Maps low-level IO failures on a named file to an actionable message. */
    static RuntimeException wrap(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return BadInputException.of(file, "no such file");
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return BadInputException.of(file, "corrupt or truncated compressed data (" + e.getMessage() + ")");
        }
        return new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
}
