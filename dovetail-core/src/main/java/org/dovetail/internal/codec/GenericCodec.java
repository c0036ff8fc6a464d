package org.dovetail.internal.codec;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * Computed attributes and column types without a codec of their own (binary, bit, geometry...):
 * values go to the driver as they are and come back as the driver reads them, with integers as
 * {@code Long}, floats as {@code Double}, and JDBC dates and times as {@code java.time} values.
 */
final class GenericCodec implements AttributeCodec {
    static final GenericCodec INSTANCE = new GenericCodec();

    @Override
    public Object toDatabase(Object value) {
        return value;
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof Time) {
            return TemporalCodec.parseDuration(row.getString(column));
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        return value;
    }
}
