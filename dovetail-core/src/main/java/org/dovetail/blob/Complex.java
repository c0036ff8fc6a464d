package org.dovetail.blob;

/**
 * A Python {@code complex} scalar (wire code {@code 0C}): two float64 parts.
 *
 * @param re the real part
 * @param im the imaginary part
 */
public record Complex(double re, double im) {
}
