package org.dovetail.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dovetail.heading.Attribute;

/**
 * Integer, decimal and floating-point attributes. Writing: numbers, booleans (1/0) and numeric
 * text; NaN and "" mean the column default, as in DataJoint. Reading: {@code Long} for integers
 * ({@code BigInteger} for {@code bigint unsigned}), {@code BigDecimal} for decimals, {@code Double}
 * for floats ({@code float} read from its text so that a stored 0.1 reads as 0.1).
 */
final class NumberCodec implements AttributeCodec {
    enum Kind { INTEGER, UNSIGNED_BIGINT, DECIMAL, SINGLE, DOUBLE }

    private final Attribute attribute;
    private final Kind kind;

    NumberCodec(Attribute attribute, Kind kind) {
        this.attribute = attribute;
        this.kind = kind;
    }

    @Override
    public Object toDatabase(Object value) {
        if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
            return USE_DEFAULT;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            if (s.isEmpty()) {
                return USE_DEFAULT;
            }
            if (Values.isNumericText(s)) {
                return s.strip();
            }
        }
        throw Values.invalid(attribute, value, "a number");
    }

    @Override
    public Object fromDatabase(ResultSet row, int column) throws SQLException {
        switch (kind) {
            case INTEGER -> {
                long v = row.getLong(column);
                return v == 0 && row.wasNull() ? null : v;
            }
            case DOUBLE -> {
                double v = row.getDouble(column);
                return v == 0 && row.wasNull() ? null : v;
            }
            case DECIMAL -> {
                return row.getBigDecimal(column);
            }
            case SINGLE -> {
                String text = row.getString(column);
                return text == null ? null : Double.parseDouble(text);
            }
            default -> {
                String text = row.getString(column);
                return text == null ? null : new BigInteger(text);
            }
        }
    }
}
