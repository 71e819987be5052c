package org.corads.steps.io;

import java.io.ByteArrayOutputStream;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * zlib compression on all cores, pigz-style: the data are cut into fixed {@value #CHUNK}-byte chunks, each
 * deflated independently (raw deflate, no shared dictionary) and ended with a sync flush, the last one with
 * the final block; the pieces are joined under one zlib header and an Adler-32 trailer of the whole input.
 * The result is one standard zlib stream (any inflater reads it), and it is byte-identical whatever the number
 * of threads, because the chunk boundaries are fixed.
 */
public final class ParallelZlib {
    static final int CHUNK = 1 << 20;

    private ParallelZlib() {}

    public static byte[] compress(byte[] raw, int level) {
        int chunks = Math.max(1, (raw.length + CHUNK - 1) / CHUNK);
        byte[][] parts = new byte[chunks][];
        IntStream.range(0, chunks).parallel().forEach(i -> parts[i] = deflateChunk(raw, i, chunks, level));
        Adler32 adler = new Adler32();
        adler.update(raw);
        long sum = adler.getValue();
        int total = 2 + 4;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] out = new byte[total];
        out[0] = 0x78;
        out[1] = header2(level);
        int off = 2;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        out[off] = (byte) (sum >>> 24);
        out[off + 1] = (byte) (sum >>> 16);
        out[off + 2] = (byte) (sum >>> 8);
        out[off + 3] = (byte) sum;
        return out;
    }

    /** Second zlib header byte: FLEVEL from the level, FCHECK so that the 16-bit header is a multiple of 31. */
    private static byte header2(int level) {
        int flevel = level <= 1 ? 0 : level <= 5 ? 1 : level == 6 || level == -1 ? 2 : 3;
        int h = (0x78 << 8) | (flevel << 6);
        h += 31 - h % 31;
        return (byte) h;
    }

    private static byte[] deflateChunk(byte[] raw, int i, int chunks, int level) {
        int from = i * CHUNK;
        int len = Math.min(CHUNK, raw.length - from);
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(raw, from, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(len / 2 + 64);
            byte[] buf = new byte[1 << 16];
            if (i == chunks - 1) {
                d.finish();
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length || !d.needsInput());
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
