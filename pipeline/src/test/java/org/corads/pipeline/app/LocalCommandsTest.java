package org.corads.pipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class LocalCommandsTest {

    @Test
    void commandsThatInjectOnlyTheMapperRunWithoutTheContainer() {
        for (String c : List.of("check", "info", "convert", "preprocess", "evaluate", "import", "dataset", "train",
                "segment", "lesion-train", "help")) {
            assertThat(LocalCommands.applies(List.of(c, "x"))).as(c).isTrue();
        }
        // storage, routes, the grading service, the study runner: Quarkus
        for (String c : List.of("storage", "models", "study", "run-step", "run-plan", "serve", "grade", "synth",
                "demo")) {
            assertThat(LocalCommands.applies(List.of(c, "x"))).as(c).isFalse();
        }
        // the app's own options, and a word picocli refuses
        assertThat(LocalCommands.applies(List.of())).isTrue();
        assertThat(LocalCommands.applies(List.of("frobnicate"))).isTrue();
    }

    @Test
    void thePropertyStartsQuarkusForEveryCommand() {
        System.setProperty(LocalCommands.ENABLED, "false");
        try {
            assertThat(LocalCommands.applies(List.of("check", "x"))).isFalse();
            assertThat(LocalCommands.applies(List.of())).isFalse();
        } finally {
            System.clearProperty(LocalCommands.ENABLED);
        }
    }

    @Command(name = "needs-storage")
    static class NeedsStorage {
        @Inject
        ObjectMapper mapper;
        @Inject
        Storage storage;
    }

    @Command(name = "parent", subcommands = NeedsStorage.class)
    static class ParentOfOne {
        @Inject
        ObjectMapper mapper;
    }

    @Command(name = "mapper-only")
    static class MapperOnly {
        @Inject
        ObjectMapper mapper;
    }

    @Test
    void anyOtherInjectionHereOrInASubcommandNeedsTheContainer() {
        assertThat(LocalCommands.needsNoContainer(MapperOnly.class)).isTrue();
        assertThat(LocalCommands.needsNoContainer(NeedsStorage.class)).isFalse();
        assertThat(LocalCommands.needsNoContainer(ParentOfOne.class)).isFalse();
    }

    @Test
    void theMapperHasTheSettingsOfTheOneQuarkusInjects() throws Exception {
        ObjectMapper m = LocalCommands.mapper();
        record Doc(String name) {}
        assertThat(m.readValue("{\"name\":\"a\",\"unknown\":1}", Doc.class).name()).isEqualTo("a");
        assertThat(m.writeValueAsString(Map.of("t", Instant.parse("2026-12-07T10:00:00Z"))))
                .isEqualTo("{\"t\":\"2026-12-07T10:00:00Z\"}");
    }

    @Test
    void logLevelsAreTheApplicationsOwn() throws Exception {
        Properties app = new Properties();
        try (InputStream in = LocalLogging.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        Map<String, String> categories = LocalLogging.categories(app);
        assertThat(categories).containsEntry("org.corads", "INFO").containsEntry("ai.djl", "ERROR");
        assertThat(LocalLogging.level("WARN")).isEqualTo(org.jboss.logmanager.Level.WARN);
        assertThat(LocalLogging.level("warning")).isEqualTo(Level.WARNING);
        assertThat(LocalLogging.level("INFO").intValue()).isEqualTo(Level.INFO.intValue());
    }
}
