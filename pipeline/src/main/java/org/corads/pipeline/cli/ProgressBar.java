package org.corads.pipeline.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.corads.models.train.Eta;
import org.corads.pipeline.study.StudyRunner;

/**
 * A study's progress on stderr: on a terminal, a bar on the last line (steps done, time elapsed, time left) under the
 * log lines; elsewhere (a pipe, a file, a pod's log) only the log lines, as plain text.
 */
final class ProgressBar implements StudyRunner.Progress, Consumer<String> {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private final long t0 = System.nanoTime();
    private String bar = "";

    ProgressBar(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** On stderr; a bar only when the command runs on a terminal. */
    static ProgressBar onStderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public synchronized void accept(String line) {
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println(line);
        if (terminal) {
            err.print(bar + "\r");
        }
        err.flush();
    }

    @Override
    public synchronized void at(int done, int total, long etaSeconds) {
        if (terminal) {
            bar = render(done, total, (System.nanoTime() - t0) / 1e9, etaSeconds);
            // the cursor goes back to the line's start: a log line written by another thread overwrites the bar
            // instead of following it, and the bar is drawn again under it
            err.print("\r\033[K" + bar + "\r");
            err.flush();
        }
    }

    /** Clears the bar at the end of the run. */
    synchronized void finish() {
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    static String render(int done, int total, double elapsedSeconds, long etaSeconds) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        return String.format(Locale.ROOT, "[%s%s] %d/%d steps, %s elapsed, %s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, Eta.duration(elapsedSeconds),
                etaSeconds < 0 ? "ETA -" : "ETA " + Eta.duration(etaSeconds));
    }
}
