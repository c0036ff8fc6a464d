package org.dovetail.hash;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import org.dovetail.InvalidValueException;

/**
 * Python's {@code str()} of {@code datetime.date}, {@code datetime.datetime} and
 * {@code datetime.timedelta}.
 *
 * <p>Python's types hold years 1 to 9999, microsecond resolution and at most 999999999 days, so
 * values outside that range are rejected rather than rendered in a way no Python process could.
 */
final class PythonTime {
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final long MAX_TIMEDELTA_DAYS = 999_999_999L;

    private PythonTime() {
    }

    /** {@code 2020-01-02}. */
    static String date(LocalDate date) {
        checkYear(date.getYear());
        return String.format(Locale.ROOT, "%04d-%02d-%02d",
                date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /** {@code 2020-01-02 03:04:05}, plus {@code .000006} only when the microseconds are not zero. */
    static String dateTime(LocalDateTime dateTime) {
        LocalTime time = dateTime.toLocalTime();
        String clock = String.format(Locale.ROOT, "%02d:%02d:%02d",
                time.getHour(), time.getMinute(), time.getSecond());
        return date(dateTime.toLocalDate()) + " " + clock + fraction(micros(time.getNano(), dateTime));
    }

    /**
     * {@code 1:02:00}, {@code -1 day, 23:00:00}, {@code 2 days, 0:00:00.000005}: Python normalises a
     * timedelta to whole days (possibly negative) plus a non-negative remainder under one day.
     */
    static String timedelta(Duration duration) {
        // Duration, like timedelta, keeps a non-negative fraction below its (floored) seconds.
        long micros = micros(duration.getNano(), duration);
        long days = Math.floorDiv(duration.getSeconds(), SECONDS_PER_DAY);
        if (Math.abs(days) > MAX_TIMEDELTA_DAYS) {
            throw new InvalidValueException("Python timedelta holds at most " + MAX_TIMEDELTA_DAYS
                    + " days either way, not " + duration);
        }
        long seconds = Math.floorMod(duration.getSeconds(), SECONDS_PER_DAY);
        String clock = String.format(Locale.ROOT, "%d:%02d:%02d",
                seconds / 3600, seconds / 60 % 60, seconds % 60) + fraction(micros);
        if (days == 0) {
            return clock;
        }
        return days + (Math.abs(days) == 1 ? " day, " : " days, ") + clock;
    }

    private static String fraction(long micros) {
        return micros == 0 ? "" : String.format(Locale.ROOT, ".%06d", micros);
    }

    private static long micros(int nanos, Object value) {
        if (nanos % 1000 != 0) {
            throw new InvalidValueException("Python datetime types have microsecond resolution; "
                    + value + " has nanoseconds (truncate it to microseconds first)");
        }
        return nanos / 1000;
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new InvalidValueException("Python dates hold years 1 to 9999, not " + year);
        }
    }
}
