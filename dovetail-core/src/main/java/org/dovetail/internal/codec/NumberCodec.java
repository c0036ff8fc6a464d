package org.dovetail.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.dovetail.heading.Attribute;
import org.dovetail.internal.hash.PythonFloat;

/**
 * Integer, decimal and floating-point attributes. Writing: numbers, booleans (1/0) and numeric
 * text; NaN and "" mean the column default, as in DataJoint. Every value is converted here to
 * what the column holds, exactly, or rejected naming the attribute: a double column gets the
 * Java double (an integer only if no rounding is needed), a float column the nearest float, a
 * decimal column the decimal rounded to its scale (half away from zero, as the server rounds),
 * an integer column a whole number within its range. Reading: {@code Long} for integers
 * ({@code BigInteger} for {@code bigint unsigned}), {@code BigDecimal} for decimals, {@code Double}
 * for floats ({@code float} read from its text so that a stored 0.1 reads as 0.1).
 */
final class NumberCodec implements AttributeCodec {
    enum Kind { INTEGER, UNSIGNED_BIGINT, DECIMAL, SINGLE, DOUBLE }

    /** Negative zero as a parameter: the text of a Double -0.0 would reach the server as the decimal -0.0, which is 0. */
    private static final String NEGATIVE_ZERO = "-0E0";
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String FINITE = "a finite number (the server stores no infinities; NaN means the default)";
    /** More integer digits than any integer type holds (bigint unsigned has 20). */
    private static final int BEYOND_ANY_INTEGER = 40;

    private final Attribute attribute;
    private final Kind kind;
    private final NumberLimits limits;

    NumberCodec(Attribute attribute, Kind kind, String columnType) {
        this.attribute = attribute;
        this.kind = kind;
        this.limits = NumberLimits.of(columnType);
    }

    @Override
    public Object toDatabase(Object value) {
        if (value instanceof CharSequence text && text.isEmpty()) {
            return USE_DEFAULT;
        }
        Number number = ExactNumber.of(value);
        if (number == null) {
            throw Values.invalid(attribute, value, "a number");
        }
        if (number instanceof Double d && d.isNaN()) {
            return USE_DEFAULT;
        }
        return switch (kind) {
            case INTEGER, UNSIGNED_BIGINT -> integer(value, number);
            case DECIMAL -> decimal(value, number);
            case SINGLE -> single(value, number);
            case DOUBLE -> parameter(real(value, number));
        };
    }

    private Object integer(Object value, Number number) {
        BigInteger whole;
        if (number instanceof BigInteger big) {
            whole = big;
        } else if (number instanceof Double d) {
            if (Double.isInfinite(d) || d != Math.rint(d)) {
                throw Values.invalid(attribute, value, "a whole number");
            }
            whole = new BigDecimal(d).toBigInteger();
        } else {
            BigDecimal decimal = (BigDecimal) number;
            if (decimal.signum() != 0 && decimal.precision() - decimal.scale() > BEYOND_ANY_INTEGER) {
                throw outOfRange(value); // before toBigIntegerExact, which would build every digit of 1E+999999999
            }
            try {
                whole = decimal.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw Values.invalid(attribute, value, "a whole number");
            }
        }
        if (limits.min() != null && (whole.compareTo(limits.min()) < 0 || whole.compareTo(limits.max()) > 0)) {
            throw outOfRange(value);
        }
        return whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0 ? (Object) whole.longValue() : new BigDecimal(whole);
    }

    private RuntimeException outOfRange(Object value) {
        return Values.cannotHold(attribute, value, limits.min() == null ? "out of range"
                : "out of range: " + limits.name() + " holds " + limits.min() + " to " + limits.max());
    }

    private Object decimal(Object value, Number number) {
        BigDecimal exact;
        if (number instanceof Double d) {
            if (Double.isInfinite(d)) {
                throw Values.invalid(attribute, value, FINITE);
            }
            exact = new BigDecimal(PythonFloat.repr(d)); // the text DataJoint-Python sends for a float
        } else {
            exact = number instanceof BigInteger big ? new BigDecimal(big) : (BigDecimal) number;
        }
        int integerDigits = limits.precision() - limits.scale();
        if (exact.signum() == 0) {
            return BigDecimal.ZERO.setScale(limits.scale());
        }
        if (exact.precision() - exact.scale() > integerDigits + 1) {
            throw tooManyDigits(value);
        }
        // below half a unit of the last place rounds to zero (and setScale of 1E-999999999 would be slow)
        BigDecimal rounded = exact.precision() - exact.scale() < -limits.scale() - 1
                ? BigDecimal.ZERO.setScale(limits.scale()) : exact.setScale(limits.scale(), RoundingMode.HALF_UP);
        if (rounded.precision() - rounded.scale() > integerDigits) {
            throw tooManyDigits(value);
        }
        if (limits.unsigned() && rounded.signum() < 0) {
            throw Values.cannotHold(attribute, value, "out of range: an unsigned column holds no negative numbers");
        }
        return rounded;
    }

    private RuntimeException tooManyDigits(Object value) {
        return Values.cannotHold(attribute, value, "out of range: " + limits.name() + " holds at most "
                + (limits.precision() - limits.scale()) + " digits before the point");
    }

    /** The double a double column stores for {@code number}, checked. */
    private double real(Object value, Number number) {
        double d;
        if (number instanceof Double given) {
            if (given.isInfinite()) {
                throw Values.invalid(attribute, value, FINITE);
            }
            d = given;
        } else if (number instanceof BigInteger big) {
            d = big.doubleValue();
            if (!Double.isInfinite(d) && !new BigDecimal(d).toBigInteger().equals(big)) {
                throw Values.cannotHold(attribute, value, "not exactly representable as a double (integers beyond 2^53"
                        + " mostly are not; the nearest double is " + new BigDecimal(d).toBigInteger() + ")");
            }
        } else {
            d = ((BigDecimal) number).doubleValue(); // the nearest double, as Java and Python parse the text
        }
        checkFits(value, number, d, "double", Double.MAX_VALUE, Double.MIN_VALUE);
        return d;
    }

    /** A float column: the nearest float (rounding is the column's nature), within its range. */
    private Object single(Object value, Number number) {
        float f;
        if (number instanceof Double d) {
            if (d.isInfinite()) {
                throw Values.invalid(attribute, value, FINITE);
            }
            f = (float) (double) d;
        } else {
            f = number.floatValue(); // BigInteger and BigDecimal round once, straight to the nearest float
        }
        checkFits(value, number, f, "float", Float.MAX_VALUE, Float.MIN_VALUE);
        return parameter(f);
    }

    /**
     * Refuses a floating-point value the column would store as something else: beyond its range
     * (infinite once converted), a non-zero value that became 0, a negative one in an unsigned column.
     */
    private void checkFits(Object value, Number number, double stored, String type, Number max, Number min) {
        if (Double.isInfinite(stored)) {
            throw Values.cannotHold(attribute, value, "out of range: beyond the range of a " + type + " (magnitude at most " + max + ")");
        }
        if (stored == 0 && signum(number) != 0) {
            throw Values.cannotHold(attribute, value, "out of range: too small for a " + type + " (it would be stored as 0;"
                    + " the smallest " + type + " is " + min + ")");
        }
        if (limits.unsigned() && stored < 0) {
            throw Values.cannotHold(attribute, value, "out of range: an unsigned column holds no negative numbers");
        }
    }

    private static int signum(Number number) {
        if (number instanceof Double d) {
            return (int) Math.signum(d);
        }
        return number instanceof BigInteger big ? big.signum() : ((BigDecimal) number).signum();
    }

    /** The JDBC parameter of a double: the Double, which the driver sends as its shortest text, except for -0.0. */
    private static Object parameter(double d) {
        return d == 0 && 1 / d < 0 ? NEGATIVE_ZERO : (Object) d;
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
