package org.dovetail.ops.cleanup;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;

/** Ages and periods as cleanup's options write them: {@code 7d}, {@code 24h}, {@code 90m}, {@code 30s}, {@code 0}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)([dhms]?)");

    private Durations() {}

    /**
     * Reads {@code <number><unit>} with the unit {@code d}, {@code h}, {@code m} or {@code s}
     * ({@code 0} needs none).
     *
     * @throws DovetailException {@code USAGE} for any other form
     */
    public static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || (m.group(2).isEmpty() && Long.parseLong(m.group(1)) != 0)) {
            throw new DovetailException(ErrorCode.USAGE, option + " takes a number with a unit d, h, m or s, e.g. 7d or 24h, not \""
                    + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The shortest of those forms that says the same, e.g. {@code 7d}, {@code 36h}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
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
}
