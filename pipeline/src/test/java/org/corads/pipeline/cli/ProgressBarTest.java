package org.corads.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void theBarShowsStepsElapsedAndTimeLeft() {
        assertThat(ProgressBar.render(464, 929, 75.2, 431))
                .isEqualTo("[##############----------------] 464/929 steps, 1 min 15 s elapsed, ETA 7 min 11 s");
        assertThat(ProgressBar.render(0, 10, 0, -1)).endsWith("ETA -");
    }

    @Test
    void withoutATerminalOnlyTheLogLinesAreWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar b = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        b.at(1, 2, 5);
        b.accept("[1/2] a: Computed");
        b.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[1/2] a: Computed" + System.lineSeparator());
    }

    @Test
    void onATerminalTheBarIsRedrawnUnderEachLogLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar b = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), true);
        b.at(1, 2, 5);
        b.accept("[1/2] a: Computed");
        String s = out.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("\r\033[K[1/2] a: Computed").endsWith("1/2 steps, 0 s elapsed, ETA 5 s\r");
    }
}
