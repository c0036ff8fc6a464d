package org.dovetail.blob;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The {@code t} code: a date as {@code year*10000 + month*100 + day} and a time as
 * {@code ((hour*100 + minute)*100 + second)*1e6 + microsecond}, each -1 when absent.
 */
final class DateTimes {
    static final long ABSENT = -1;
    private static final long MAX_TIME = 1_00_00_00_000000L;

    private DateTimes() {
    }

    /** A LocalDateTime, LocalDate or LocalTime, or null when both parts are absent (as in Python). */
    static Object decode(int date, long time, long offset) {
        LocalDate d = date >= 0 ? date(date, offset) : null;
        LocalTime t = time >= 0 ? time(time, offset) : null;
        if (d != null && t != null) {
            return LocalDateTime.of(d, t);
        }
        return d != null ? d : t;
    }

    private static LocalDate date(int value, long offset) {
        int year = value / 10000;
        if (year < 1 || year > 9999) {
            throw new BlobFormatException("date " + value + " has year " + year + " outside 1..9999", offset);
        }
        try {
            return LocalDate.of(year, value / 100 % 100, value % 100);
        } catch (DateTimeException e) {
            throw new BlobFormatException("date " + value + " is not a calendar date", offset, e);
        }
    }

    private static LocalTime time(long value, long offset) {
        try {
            if (value >= MAX_TIME) {
                throw new DateTimeException("hour beyond 99");
            }
            return LocalTime.of((int) (value / 10_000_000_000L), (int) (value / 100_000_000 % 100),
                (int) (value / 1_000_000 % 100), (int) (value % 1_000_000) * 1000);
        } catch (DateTimeException e) {
            throw new BlobFormatException("time " + value + " is not a time of day", offset, e);
        }
    }

    static int encodeDate(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException("year " + date.getYear() + " is outside Python's 1..9999");
        }
        return (date.getYear() * 100 + date.getMonthValue()) * 100 + date.getDayOfMonth();
    }

    /** Nanoseconds are truncated to microseconds, Python's resolution. */
    static long encodeTime(LocalTime time) {
        long hms = (time.getHour() * 100L + time.getMinute()) * 100 + time.getSecond();
        return hms * 1_000_000 + time.truncatedTo(ChronoUnit.MICROS).getNano() / 1000;
    }
}
