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
}
