package org.corads.pipeline.steps.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A model case ({@code case.bin}) reads back its values; a damaged first line is refused in one line. */
class ModelCaseReadTest {
    @TempDir
    Path dir;

    private Path file(String firstLine, float... values) throws IOException {
        byte[] head = (firstLine + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(head.length + 4 * values.length).put(head);
        for (float v : values) {
            b.putFloat(v);
        }
        return Files.write(dir.resolve("case.bin"), b.array());
    }

    @Test
    void readsTheValuesAfterItsFirstLine() throws IOException {
        ModelCaseStep.Case c = ModelCaseStep.read(file("corads-case 2 1 2", 1, -2, 3.5f, Float.MIN_VALUE, 0, 6, 7, 8));
        assertThat(c.channels()).isEqualTo(2);
        assertThat(c.depth()).isEqualTo(1);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.data()).containsExactly(1, -2, 3.5f, Float.MIN_VALUE, 0, 6, 7, 8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"corads-case 2 x 30|is not a model case",
            "corads-case -1 8 30|declares cases of -1 × 8 × 30 × 30 values",
            "corads-case 2 128 99999|at most 268435456 values a case", "corads-case 1 2 2|is truncated",
            "something else|is not a model case"})
    void aDamagedCaseIsRefusedInOneLine(String firstLine, String why) throws IOException {
        Path f = file(firstLine, 1, 2, 3);
        assertThatThrownBy(() -> ModelCaseStep.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
