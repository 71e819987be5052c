package org.corads.pipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void onlyServeListensOnHttp() {
        assertThat(Main.serves("serve")).isTrue();
        assertThat(Main.serves("serve", "--help")).isTrue();
        assertThat(Main.serves("study", "run", "serve.yaml")).isFalse();
        assertThat(Main.serves("preprocess", "in.mha", "serve")).isFalse();
        assertThat(Main.serves("--version")).isFalse();
        assertThat(Main.serves()).isFalse();
    }

    @Test
    void oneShotCommandsStartWithoutCamelRoutes() {
        assertThat(Main.usesRoutes("preprocess", "in.mha", "out")).isFalse();
        assertThat(Main.usesRoutes("storage", "status")).isFalse();
        assertThat(Main.usesRoutes("--version")).isFalse();
        assertThat(Main.usesRoutes()).isFalse();
        assertThat(Main.usesRoutes("study", "run", "evaluate.yaml")).isTrue();
        assertThat(Main.usesRoutes("study", "plan", "evaluate.yaml")).isFalse();
        assertThat(Main.usesRoutes("study", "plan", "--json", "evaluate.yaml")).isFalse();
        assertThat(Main.usesRoutes("study", "rerun", "plan")).isTrue();
        assertThat(Main.usesRoutes("study", "-h")).isTrue();
        assertThat(Main.usesRoutes("run-step", "spec.json")).isTrue();
        assertThat(Main.usesRoutes("grade", "scan.mha")).isTrue();
        assertThat(Main.usesRoutes("serve")).isTrue();
    }
}
