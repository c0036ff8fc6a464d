package org.dovetail.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A value given for a numeric attribute as an exact number, before any rounding: integers
 * (integral Java types, booleans as 1/0, text of digits) as {@code BigInteger}, doubles as
 * {@code Double} (NaN, infinities and -0.0 included), floats as the double of their shortest text
 * (0.1f is 0.1), decimals and other numeric text as {@code BigDecimal} (-0.0 text as the double
 * -0.0, which BigDecimal cannot hold).
 */
final class ExactNumber {
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");

    private ExactNumber() {
    }

    /** The exact number of {@code value}, or null if it is not a number. */
    static Number of(Object value) {
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof AtomicLong || value instanceof AtomicInteger) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger || value instanceof Double || value instanceof BigDecimal) {
            return (Number) value;
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof Number || value instanceof CharSequence) {
            return parse(value.toString().strip());
        }
        return null;
    }

    private static Number parse(String text) {
        if (INTEGER_TEXT.matcher(text).matches()) {
            return new BigInteger(text);
        }
        try {
            BigDecimal decimal = new BigDecimal(text);
            return decimal.signum() == 0 && text.startsWith("-") ? (Number) (-0.0) : decimal;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
