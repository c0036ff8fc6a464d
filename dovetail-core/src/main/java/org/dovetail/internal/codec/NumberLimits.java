package org.dovetail.internal.codec;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a numeric column holds, read from its type: the range of an integer type ({@code tinyint}
 * to {@code bigint}, signed or unsigned), the precision and scale of a decimal, and whether the
 * column is unsigned. {@code year} columns have no range here (the server checks them).
 *
 * @param name      the type as shown in messages ({@code tinyint unsigned}, {@code decimal(5,2)})
 * @param min       the smallest integer the column holds, null for non-integer types and {@code year}
 * @param max       the largest integer the column holds, null for non-integer types and {@code year}
 * @param precision the digits of a decimal column, 0 for other types
 * @param scale     the digits of a decimal column after the point, 0 for other types
 * @param unsigned  negative numbers are out of range
 */
record NumberLimits(String name, BigInteger min, BigInteger max, int precision, int scale, boolean unsigned) {
    private static final Pattern INTEGER = Pattern.compile("(tinyint|smallint|mediumint|bigint|int|integer|serial)\\b.*");
    private static final Pattern DECIMAL = Pattern.compile("(?:decimal|numeric)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?.*");
    /** MySQL's decimal without (p, s) is decimal(10, 0). */
    private static final int DEFAULT_PRECISION = 10;

    /** Column types seen so far: a table's codecs are made for every insert, and parsing a type is regex work. */
    private static final Map<String, NumberLimits> KNOWN = new ConcurrentHashMap<>();

    static NumberLimits of(String columnType) {
        NumberLimits known = KNOWN.get(columnType);
        if (known != null) {
            return known;
        }
        NumberLimits limits = parse(columnType);
        if (KNOWN.size() < 1024) {
            KNOWN.put(columnType, limits);
        }
        return limits;
    }

    private static NumberLimits parse(String columnType) {
        String type = columnType.toLowerCase(Locale.ROOT).strip();
        boolean unsigned = type.contains("unsigned") || type.startsWith("serial");
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            String base = integer.group(1);
            int bits = switch (base) {
                case "tinyint" -> 8;
                case "smallint" -> 16;
                case "mediumint" -> 24;
                case "bigint", "serial" -> 64;
                default -> 32;
            };
            BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.TWO.pow(bits - 1).negate();
            BigInteger max = unsigned ? BigInteger.TWO.pow(bits).subtract(BigInteger.ONE) : BigInteger.TWO.pow(bits - 1).subtract(BigInteger.ONE);
            String name = (base.equals("serial") ? "bigint" : base.equals("integer") ? "int" : base) + (unsigned ? " unsigned" : "");
            return new NumberLimits(name, min, max, 0, 0, unsigned);
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = decimal.group(1) == null ? DEFAULT_PRECISION : Integer.parseInt(decimal.group(1));
            int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            return new NumberLimits("decimal(" + precision + "," + scale + ")", null, null, precision, scale, unsigned);
        }
        return new NumberLimits(type, null, null, 0, 0, unsigned);
    }
}
