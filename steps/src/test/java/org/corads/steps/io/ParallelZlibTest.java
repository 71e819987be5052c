package org.corads.steps.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class ParallelZlibTest {

    @Test
    void multiChunkOutputIsOneStandardZlibStream() throws Exception {
        byte[] raw = new byte[ParallelZlib.CHUNK * 3 + 12345];
        Random r = new Random(1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (r.nextInt(7) * (i % 13));
        }
        for (int level : new int[]{Deflater.BEST_SPEED, Deflater.DEFAULT_COMPRESSION, Deflater.BEST_COMPRESSION}) {
            byte[] z = ParallelZlib.compress(raw, level);
            assertThat(((z[0] & 0xFF) << 8 | (z[1] & 0xFF)) % 31).isZero();
            byte[] back = new InflaterInputStream(new ByteArrayInputStream(z)).readAllBytes();
            assertThat(back).isEqualTo(raw);
            assertThat(z.length).isLessThan(raw.length);
            assertThat(ParallelZlib.compress(raw, level)).isEqualTo(z);
        }
    }

    @Test
    void emptyAndTinyInputs() throws Exception {
        for (byte[] raw : new byte[][]{new byte[0], new byte[]{42}}) {
            byte[] back = new InflaterInputStream(new ByteArrayInputStream(ParallelZlib.compress(raw, 1)))
                    .readAllBytes();
            assertThat(back).isEqualTo(raw);
        }
    }
}
