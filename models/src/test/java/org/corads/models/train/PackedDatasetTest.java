package org.corads.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A packed dataset reads back as written, and a damaged or foreign one is refused in one line naming the file. */
class PackedDatasetTest {
    private static final String CASE = "{\"id\":\"a\",\"patient\":\"p\",\"grade\":3,\"split\":\"train\"}";

    @TempDir
    Path dir;

    private static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void readsBackTheCasesAndValuesItWrote() throws IOException {
        int n = 2 * 3 * 4 * 4;
        PackedDataset d = new PackedDataset(2, 3, 4,
                List.of(new PackedDataset.Case("s1", "p1", 2, "train", values(n, 1)),
                        new PackedDataset.Case("s2", "p2", 0, "test", values(n, 2), "iCTCF 3")));
        Path f = dir.resolve("dataset.bin");
        d.write(f);
        PackedDataset back = PackedDataset.read(f);
        assertThat(back.channels()).isEqualTo(2);
        assertThat(back.depth()).isEqualTo(3);
        assertThat(back.size()).isEqualTo(4);
        assertThat(back.cases())
                .extracting(PackedDataset.Case::id, PackedDataset.Case::patient, PackedDataset.Case::grade,
                        PackedDataset.Case::split, PackedDataset.Case::label)
                .containsExactly(tuple("s1", "p1", 2, "train", null), tuple("s2", "p2", 0, "test", "iCTCF 3"));
        for (int c = 0; c < 2; c++) {
            assertThat(back.cases().get(c).data()).containsExactly(d.cases().get(c).data());
        }
        // the values are the file's last bytes, big-endian, in case order
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer tail = ByteBuffer.wrap(bytes, bytes.length - 2 * n * 4, 2 * n * 4);
        assertThat(tail.getFloat()).isEqualTo(d.cases().get(0).data()[0]);
    }

    private Path file(String header, int values) throws IOException {
        Path f = dir.resolve("ds.bin");
        byte[] head = ("corads-dataset 1\n" + header + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(f, ByteBuffer.allocate(head.length + 4 * values).put(head).array());
        return f;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // negative, zero and overflowing dimensions never reach an allocation
            "{\"channels\":-2,\"depth\":8,\"size\":30,\"cases\":[" + CASE
                    + "]}|declares cases of -2 × 8 × 30 × 30 values",
            "{\"channels\":1,\"depth\":8,\"size\":0,\"cases\":[" + CASE + "]}|declares cases of 1 × 8 × 0 × 0 values",
            "{\"channels\":2,\"depth\":128,\"size\":100000,\"cases\":[" + CASE + "]}|at most 268435456 values a case",
            "{\"depth\":8,\"size\":30,\"cases\":[" + CASE + "]}|declares cases of 0 × 8 × 30 × 30 values",
            "{\"channels\":1,\"depth\":2,\"size\":2}|has no list of cases",
            "{\"channels\":1,\"depth\":2,\"size\":2,\"cases\":[{\"id\":\"a\",\"grade\":3}]}|without an id or a split",
            "{\"channels\":1,\"depth\":2,\"size\":2,\"cases\":[null]}|without an id or a split",
            "{\"channels\":1,\"depth\":2,\"size\":2,\"cases\":[" + CASE + "," + CASE + "]}|is truncated",
            "{\"channels\":1,\"depth\":2|has an unreadable header"})
    void aDamagedHeaderIsRefusedInOneLine(String header, String why) throws IOException {
        Path f = file(header, 1 * 2 * 2 * 2);
        assertThatThrownBy(() -> PackedDataset.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFileOfAnotherKindIsRefused() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.bin"), "hello\n");
        assertThatThrownBy(() -> PackedDataset.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a packed dataset");
    }
}
