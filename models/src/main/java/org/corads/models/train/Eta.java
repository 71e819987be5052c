package org.corads.models.train;

import java.util.Locale;

/** Time left in a training loop, from the seconds per iteration measured so far (validation included). */
public final class Eta {
    private Eta() {}

    /** {@code "ETA 42 s"}, {@code "ETA 3 min 05 s"}, {@code "ETA 1 h 02 min"} for {@code left} more iterations. */
    public static String of(double secondsPerIteration, int left) {
        return "ETA " + duration(secondsPerIteration * Math.max(0, left));
    }

    /** {@code "42 s"}, {@code "3 min 05 s"}, {@code "1 h 02 min"}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }
}
