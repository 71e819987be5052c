package org.corads.pipeline.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A local {@code ensemble.json} that is not an ensemble is refused in one line before any storage is touched (the
 * store is never asked: {@code null} here).
 */
class ResolvedEnsembleTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"null|holds no ensemble (JSON null)", "{}|cannot be read",
            "{\"broken|cannot be read", "[1, 2]|cannot be read"})
    void aDocumentThatIsNoEnsembleIsRefusedInOneLine(String json, String why) throws IOException {
        Files.writeString(dir.resolve(DeployedEnsemble.FILE), json);
        assertThatThrownBy(() -> ResolvedEnsemble.at(dir.toString(), null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
