package org.corads.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtaTest {
    @Test
    void timeLeftIsSecondsPerIterationTimesIterationsLeftInReadableUnits() {
        assertThat(Eta.of(0.5, 84)).isEqualTo("ETA 42 s");
        assertThat(Eta.of(0.25, 740)).isEqualTo("ETA 3 min 05 s");
        assertThat(Eta.of(2.0, 1860)).isEqualTo("ETA 1 h 02 min");
        assertThat(Eta.of(1.0, -3)).isEqualTo("ETA 0 s");
    }
}
