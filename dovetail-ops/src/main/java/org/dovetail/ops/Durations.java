package org.dovetail.ops;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/**
 * Durations as operators type and read them: {@code 7d}, {@code 24h}, {@code 90m}, {@code 30s},
 * {@code 250ms}, {@code 0}. One reading for every option of every operation (ages, grace periods,
 * heartbeats, validity).
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|[dhms]?)");

    private Durations() {
    }

    /**
     * Reads {@code <number><unit>} with the unit {@code d}, {@code h}, {@code m}, {@code s} or
     * {@code ms} ({@code 0} needs none).
     *
     * @param option the option it came from, for the message
     * @throws DovetailException {@code USAGE} for any other form
     */
    public static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || (m.group(2).isEmpty() && Long.parseLong(m.group(1)) != 0)) {
            throw new DovetailException(ErrorCode.USAGE, option + " takes a number with a unit d, h, m, s or ms, e.g. 7d or 24h, not \""
                    + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            case "ms" -> Duration.ofMillis(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The shortest form {@link #parse} reads back as the same duration, e.g. {@code 7d}, {@code 36h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s == 0) {
            return "0";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** A duration for reading, in its largest sensible units: {@code 850ms}, {@code 42s}, {@code 7m12s}, {@code 3h05m}, {@code 2d04h}. */
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
