package org.corads.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corads.pipeline.dag.RunPlan;
import org.corads.steps.core.StepSpec;
import org.corads.steps.io.BadInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plans and step specs {@code run-plan} and {@code run-step} read: anything but a document is one line. */
class DocumentsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"null|holds no RunPlan (the JSON document is null)",
            "{}|not a valid RunPlan document", "[]|not a valid RunPlan document",
            "{\"steps|not a valid RunPlan document"})
    void aPlanThatIsNoPlanIsRefusedInOneLine(String json, String why) throws IOException {
        Path f = Files.writeString(dir.resolve("plan.json"), json);
        assertThatThrownBy(() -> Documents.read(f.toString(), RunPlan.class, null, new ObjectMapper()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(f.toString()).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"null|holds no StepSpec (the JSON document is null)",
            "7|not a valid StepSpec document"})
    void aSpecThatIsNoSpecIsRefusedInOneLine(String json, String why) throws IOException {
        Path f = Files.writeString(dir.resolve("spec.json"), json);
        assertThatThrownBy(() -> Documents.read(f.toString(), StepSpec.class, null, new ObjectMapper()))
                .isInstanceOf(BadInputException.class).hasMessageContaining(why);
        assertThatThrownBy(
                () -> Documents.read(dir.resolve("none.json").toString(), StepSpec.class, null, new ObjectMapper()))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith(": no such file");
    }
}
