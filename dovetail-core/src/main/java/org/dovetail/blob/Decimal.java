package org.dovetail.blob;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Python {@code decimal.Decimal} (wire code {@code d}), kept as its text so that values a
 * {@link BigDecimal} cannot hold ({@code NaN}, {@code Infinity}, {@code -0}) survive a round trip.
 *
 * <pre>{@code
 * Decimal price = Decimal.of(new BigDecimal("19.90"));   // text "19.90"
 * BigDecimal back = price.toBigDecimal();
 * }</pre>
 *
 * @param text the text Python's {@code str(Decimal)} gives, e.g. {@code "1E+3"} or {@code "-0"}
 */
public record Decimal(String text) {
    private static final Pattern SYNTAX = Pattern.compile(
        "[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf|infinity|s?nan\\d*))");

    /** Validates that the text is a decimal in Python's syntax. */
    public Decimal {
        Objects.requireNonNull(text, "text");
        if (!SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal number: " + text);
        }
    }

    /** The decimal of a {@link BigDecimal}, written as Python would ({@code BigDecimal.toString()}). */
    public static Decimal of(BigDecimal value) {
        return new Decimal(value.toString());
    }

    /** Whether the value is a finite number (not NaN or infinite). */
    public boolean isFinite() {
        return !text.matches("(?i)[+-]?(inf|infinity|s?nan\\d*)");
    }

    /**
     * The value as a {@link BigDecimal}; {@code -0} becomes 0.
     *
     * @throws ArithmeticException for NaN and infinities
     */
    public BigDecimal toBigDecimal() {
        if (!isFinite()) {
            throw new ArithmeticException(text + " has no BigDecimal value");
        }
        return new BigDecimal(text);
    }
}
