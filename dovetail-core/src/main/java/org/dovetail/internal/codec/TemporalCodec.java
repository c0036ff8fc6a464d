package org.dovetail.internal.codec;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.dovetail.heading.Attribute;

/**
 * date, datetime, timestamp and time attributes. Reading gives {@code LocalDate},
 * {@code LocalDateTime} (timestamps in the session's time zone, as the server sends them) and
 * {@code Duration} for {@code time} (which may be negative or exceed 24 hours). Writing also takes
 * ISO text, which the server checks.
 */
final class TemporalCodec implements AttributeCodec {
    enum Kind { DATE, DATETIME, TIME }

    private final Attribute attribute;
    private final Kind kind;

    TemporalCodec(Attribute attribute, Kind kind) {
        this.attribute = attribute;
        this.kind = kind;
    }

    @Override
    public Object toDatabase(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return switch (kind) {
            case DATE -> date(value);
            case DATETIME -> dateTime(value);
            case TIME -> time(value);
        };
    }

    private Object date(Object value) {
        if (value instanceof LocalDate || value instanceof LocalDateTime) {
            return value;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        throw Values.invalid(attribute, value, "a LocalDate or an ISO date");
    }

    private Object dateTime(Object value) {
        if (value instanceof LocalDateTime) {
            return value;
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toLocalDateTime(); // wall clock, as DataJoint-Python sends a datetime
        }
        if (value instanceof ZonedDateTime z) {
            return z.toLocalDateTime();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof Instant) {
            throw Values.invalid(attribute, value, "a LocalDateTime (an Instant has no wall-clock time; convert it in your zone)");
        }
        throw Values.invalid(attribute, value, "a LocalDateTime or an ISO date-time");
    }

    private Object time(Object value) {
        if (value instanceof Duration d) {
            return durationText(d);
        }
        if (value instanceof LocalTime t) {
            return t.toString();
        }
        throw Values.invalid(attribute, value, "a Duration, a LocalTime or [-]HH:MM:SS text");
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        return switch (kind) {
            case DATE -> row.getObject(column, LocalDate.class);
            case DATETIME -> row.getObject(column, LocalDateTime.class);
            case TIME -> {
                String text = row.getString(column);
                yield text == null ? null : parseDuration(text);
            }
        };
    }

    /** MySQL TIME text {@code [-]HHH:MM:SS[.ffffff]}. */
    static Duration parseDuration(String text) {
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        long hours = Long.parseLong(parts[0]);
        long minutes = Long.parseLong(parts[1]);
        String[] secondsAndFraction = parts[2].split("\\.");
        long seconds = Long.parseLong(secondsAndFraction[0]);
        long nanos = 0;
        if (secondsAndFraction.length > 1) {
            String fraction = (secondsAndFraction[1] + "000000000").substring(0, 9);
            nanos = Long.parseLong(fraction);
        }
        Duration d = Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusNanos(nanos);
        return negative ? d.negated() : d;
    }

    /** {@code [-]H:MM:SS[.ffffff]} for the server. */
    static String durationText(Duration d) {
        boolean negative = d.isNegative();
        Duration abs = d.abs();
        String text = String.format("%s%d:%02d:%02d", negative ? "-" : "", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart());
        int micros = abs.toNanosPart() / 1000;
        return micros == 0 ? text : text + String.format(".%06d", micros);
    }
}
