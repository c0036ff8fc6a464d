package org.dovetail.internal.hash;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} (which {@code str(float)} equals since Python 3.2).
 *
 * <p>Python prints the shortest decimal digit string that parses back to the same double; among
 * equally short strings it takes the one closest to the exact binary value. The digits are shown
 * in positional notation when the decimal exponent {@code x} (as in {@code d.ddd × 10^x}) satisfies
 * {@code -4 <= x < 16}, otherwise in scientific notation with a signed exponent of at least two
 * digits: {@code 0.1}, {@code 1.0}, {@code 1e-05}, {@code 1e+16}, {@code 1.5e+300}. Non-finite
 * values are {@code inf}, {@code -inf} and {@code nan} (never {@code -nan}).
 *
 * <p>{@link Double#toString(double)} is not a substitute: besides its {@code 1.0E-5} layout, on
 * JDK 17 it sometimes emits more digits than needed (JDK-4511638, fixed in JDK 19).
 *
 * <pre>{@code
 * PythonFloat.repr(0.1);      // "0.1"
 * PythonFloat.repr(1e-5);     // "1e-05"
 * }</pre>
 */
public final class PythonFloat {
    /** 17 significant digits always round-trip a double. */
    private static final int MAX_DIGITS = 17;
    private static final int SCIENTIFIC_BELOW = -4;
    private static final int SCIENTIFIC_FROM = 16;

    private PythonFloat() {
    }

    /**
     * Python's {@code repr(value)}.
     *
     * @param value any double
     * @return the text Python prints for it
     */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal digits = shortestDigits(Math.abs(value)).stripTrailingZeros();
        return sign + layout(digits.unscaledValue().toString(), digits.precision() - digits.scale() - 1);
    }

    /**
     * The shortest decimal that parses back to {@code value} (positive and finite), closest to
     * the exact value among the shortest ones.
     *
     * <p>The set of decimals that round to {@code value} is an interval around it (asymmetric
     * when {@code value} is a power of two), so at each precision it suffices to try the nearest
     * candidate below and the nearest above.
     */
    static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= MAX_DIGITS; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest;
            }
            RoundingMode otherSide = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
            BigDecimal other = exact.round(new MathContext(precision, otherSide));
            if (other.doubleValue() == value) {
                return other;
            }
        }
        throw new AssertionError("17 significant digits always round-trip a double: " + value);
    }

    /** Lays out significant {@code digits} with decimal exponent {@code exponent} the way Python does. */
    private static String layout(String digits, int exponent) {
        if (exponent < SCIENTIFIC_BELOW || exponent >= SCIENTIFIC_FROM) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exponentSign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa + "e" + exponentSign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        int integerDigits = exponent + 1;
        if (integerDigits <= 0) {
            return "0." + "0".repeat(-integerDigits) + digits;
        }
        if (integerDigits >= digits.length()) {
            return digits + "0".repeat(integerDigits - digits.length()) + ".0";
        }
        return digits.substring(0, integerDigits) + "." + digits.substring(integerDigits);
    }
}
