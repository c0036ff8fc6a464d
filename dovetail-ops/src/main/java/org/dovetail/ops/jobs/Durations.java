package org.dovetail.ops.jobs;

import java.time.Duration;
import java.util.Locale;
import org.dovetail.InvalidInputException;

/** Durations as people type and read them: {@code 90s}, {@code 15m}, {@code 24h}, {@code 2d}, {@code 250ms}. */
public final class Durations {
    private Durations() {
    }

    /**
     * Reads {@code <number><unit>} with unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
     * (or an ISO-8601 duration such as {@code PT1H}).
     *
     * @param what the option it came from, for the message
     * @throws InvalidInputException if it is neither
     */
    public static Duration parse(String what, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new InvalidInputException(what + " takes a duration such as 90s, 15m, 24h or 2d, not \"" + text + "\"");
        }
    }

    /** A duration in its largest sensible unit: {@code 850ms}, {@code 42s}, {@code 7m12s}, {@code 3h05m}, {@code 2d04h}. */
    public static String text(Duration d) {
        if (d == null) {
            return "";
        }
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
