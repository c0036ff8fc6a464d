package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.InvalidValueException;
import org.dovetail.TestConfigs;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Numbers at the limits of their columns: every double a double column holds is stored bit for
 * bit whatever Java type carries it; a value the column cannot hold is an error naming the row
 * and the attribute, raised before any statement, never a quietly different value.
 */
@DovetailTest
class NumberLimitsIT {
    /** Every kind of finite double: the extremes, the smallest normal, subnormals, negative zero. */
    static final double[] DOUBLES = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        Math.nextDown(Double.MIN_NORMAL), Double.MIN_VALUE, -Double.MIN_VALUE, -0.0, 0.0, 0.1, 1.0450168441060445e299,
        -1.7976931348623157e308, 2.2250738585072014e-308, 9007199254740993.0, 1.0 / 3};

    private static Dovetail connection;
    private static Schema schema;
    private static int nextId;

    @BeforeAll
    static void declare(TestDatabase db) {
        connection = Dovetail.connect(TestConfigs.of(db));
        schema = connection.createSchema(db.schema("limits"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Reals", """
                id : int
                ---
                t_double = null : double
                t_float = null : float
                t_decimal = null : decimal(5,2)
                t_positive = null : decimal(5,2) unsigned
                """));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Integers", """
                id : int
                ---
                t_tiny = null : tinyint
                t_tiny_u = null : tinyint unsigned
                t_small = null : smallint
                t_small_u = null : smallint unsigned
                t_medium = null : mediumint
                t_medium_u = null : mediumint unsigned
                t_int = null : int
                t_int_u = null : int unsigned
                t_big = null : bigint
                t_big_u = null : bigint unsigned
                """));
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    private static Table reals() {
        return schema.table("Reals");
    }

    private static Table integers() {
        return schema.table("Integers");
    }

    /** Inserts {@code value} into {@code attribute} of a new row and returns the fetched value. */
    private static Object stored(Table table, String attribute, Object value) {
        int id = ++nextId;
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put(attribute, value);
        table.insert1(row);
        return table.restrict(Map.of("id", id)).fetch1(attribute).get(attribute);
    }

    /** The insert of {@code value} into {@code attribute} (as the second of two rows) fails, and inserts nothing. */
    private static void rejected(Table table, String attribute, Object value, String reason) {
        int first = ++nextId;
        int second = ++nextId;
        Map<String, Object> good = new HashMap<>();
        good.put("id", first);
        good.put(attribute, null);
        Map<String, Object> bad = new HashMap<>();
        bad.put("id", second);
        bad.put(attribute, value);
        String type = table.heading().attribute(attribute).type();
        assertThatThrownBy(() -> table.insert(List.of(good, bad)))
                .as("%s <- %s (%s)", attribute, value, value.getClass().getSimpleName())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("row 2 (id=" + second + ")")
                .hasMessageContaining("Attribute `" + attribute + "` (" + type + ") cannot hold")
                .hasMessageContaining(reason);
        assertThat(table.restrict("id >= " + first).count()).isZero();
    }

    @Test
    void aDoubleColumnKeepsEveryBitWhateverTypeCarriesTheValue() {
        for (double d : DOUBLES) {
            List<Object> carriers = new ArrayList<>(List.of(d, Double.toString(d)));
            if (d != 0 || 1 / d > 0) {
                carriers.add(new BigDecimal(Double.toString(d))); // how JSON text arrives (BigDecimal has no -0)
            }
            for (Object carrier : carriers) {
                Object back = stored(reals(), "t_double", carrier);
                assertThat(back).as("%s (%s)", carrier, carrier.getClass().getSimpleName()).isInstanceOf(Double.class);
                assertThat(Double.doubleToRawLongBits((Double) back)).as("%s (%s) came back as %s", carrier,
                        carrier.getClass().getSimpleName(), back).isEqualTo(Double.doubleToRawLongBits(d));
            }
        }
    }

    /** Random bit patterns (every exponent) and random doubles of everyday size (sent as plain decimals). */
    @Test
    void thousandsOfDoublesKeepEveryBit() {
        java.util.Random random = new java.util.Random(15);
        List<Double> values = new ArrayList<>();
        while (values.size() < 2000) {
            double d = values.size() % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : (random.nextDouble() - 0.5) * 1e7;
            if (Double.isFinite(d)) {
                values.add(d);
            }
        }
        int first = nextId + 1;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double d : values) {
            rows.add(Map.of("id", ++nextId, "t_double", d));
            rows.add(Map.of("id", ++nextId, "t_double", new BigDecimal(Double.toString(d))));
        }
        reals().insert(rows);
        List<Map<String, Object>> back = reals().restrict("id >= " + first).top(org.dovetail.query.Top.limit(rows.size()).withOrderBy("id"))
                .fetch("t_double");
        assertThat(back).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double expected = values.get(i / 2);
            assertThat(Double.doubleToRawLongBits((Double) back.get(i).get("t_double"))).as("%s", expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @Test
    void decimalTextRoundsToTheNearestDouble() {
        assertThat(stored(reals(), "t_double", new BigDecimal("0.1000000000000000000000001"))).isEqualTo(0.1);
        assertThat(stored(reals(), "t_double", "  2.5e-3 ")).isEqualTo(0.0025);
        assertThat(stored(reals(), "t_double", new BigDecimal("1E+20"))).isEqualTo(1e20);
    }

    @Test
    void integersGoIntoADoubleColumnOnlyWhenExactlyRepresentable() {
        long twoTo53 = 1L << 53;
        assertThat(stored(reals(), "t_double", twoTo53)).isEqualTo(9007199254740992.0);
        assertThat(stored(reals(), "t_double", BigInteger.TWO.pow(64))).isEqualTo(18446744073709551616.0);
        assertThat(stored(reals(), "t_double", Long.MIN_VALUE)).isEqualTo(-9223372036854775808.0);
        rejected(reals(), "t_double", twoTo53 + 1, "not exactly representable as a double");
        rejected(reals(), "t_double", Long.MAX_VALUE, "not exactly representable as a double");
        rejected(reals(), "t_double", BigInteger.TWO.pow(64).add(BigInteger.ONE), "not exactly representable as a double");
        rejected(reals(), "t_double", "9007199254740993", "not exactly representable as a double");
    }

    @Test
    void aDoubleColumnRejectsWhatNoDoubleHolds() {
        rejected(reals(), "t_double", Double.POSITIVE_INFINITY, "finite");
        rejected(reals(), "t_double", Double.NEGATIVE_INFINITY, "finite");
        rejected(reals(), "t_double", new BigDecimal("1e400"), "beyond the range of a double");
        rejected(reals(), "t_double", "-1e400", "beyond the range of a double");
        rejected(reals(), "t_double", new BigDecimal("1e-400"), "too small for a double");
        rejected(reals(), "t_double", BigInteger.TEN.pow(400), "beyond the range of a double");
        rejected(reals(), "t_double", "Infinity", "a number");
    }

    @Test
    void nanMeansTheDefaultAsInDataJoint() {
        assertThat(stored(reals(), "t_double", Double.NaN)).isNull();
        assertThat(stored(reals(), "t_float", Float.NaN)).isNull();
        assertThat(stored(reals(), "t_decimal", Double.NaN)).isNull();
    }

    @Test
    void aFloatColumnRoundsToTheNearestFloatWithinItsRange() {
        // the server prints a float with 6 significant digits; DataJoint-Python reads the same text
        assertThat(stored(reals(), "t_float", (double) Float.MAX_VALUE)).isEqualTo(3.40282e38);
        assertThat(stored(reals(), "t_float", -Float.MAX_VALUE)).isEqualTo(-3.40282e38);
        assertThat(stored(reals(), "t_float", 0.1)).isEqualTo(0.1);
        assertThat(stored(reals(), "t_float", Float.MIN_VALUE)).isEqualTo(1.4013e-45);
        assertThat(stored(reals(), "t_float", 16777217L)).isEqualTo(16777200.0); // rounded to a float, printed with 6 digits
        assertThat(stored(reals(), "t_float", 1.00000001)).isEqualTo(1.0);
        assertThat(Double.doubleToRawLongBits((Double) stored(reals(), "t_float", -0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        rejected(reals(), "t_float", 1e39, "beyond the range of a float");
        rejected(reals(), "t_float", -Double.MAX_VALUE, "beyond the range of a float");
        rejected(reals(), "t_float", 1e-46, "too small for a float");
        rejected(reals(), "t_float", Double.POSITIVE_INFINITY, "finite");
        rejected(reals(), "t_float", new BigDecimal("1e39"), "beyond the range of a float");
    }

    @Test
    void aDecimalColumnRoundsToItsScaleAndRejectsWhatOverflowsIt() {
        assertThat(stored(reals(), "t_decimal", new BigDecimal("999.99"))).isEqualTo(new BigDecimal("999.99"));
        assertThat(stored(reals(), "t_decimal", new BigDecimal("-999.99"))).isEqualTo(new BigDecimal("-999.99"));
        assertThat(stored(reals(), "t_decimal", 0.1)).isEqualTo(new BigDecimal("0.10"));
        assertThat(stored(reals(), "t_decimal", new BigDecimal("1.005"))).isEqualTo(new BigDecimal("1.01"));
        assertThat(stored(reals(), "t_decimal", new BigDecimal("-1.005"))).isEqualTo(new BigDecimal("-1.01"));
        assertThat(stored(reals(), "t_decimal", 21.499999999999996)).isEqualTo(new BigDecimal("21.50"));
        assertThat(stored(reals(), "t_decimal", "12.5")).isEqualTo(new BigDecimal("12.50"));
        assertThat(stored(reals(), "t_decimal", 7)).isEqualTo(new BigDecimal("7.00"));
        assertThat(stored(reals(), "t_positive", 0)).isEqualTo(new BigDecimal("0.00"));
        rejected(reals(), "t_decimal", new BigDecimal("1000"), "decimal(5,2) holds at most 3 digits before the point");
        rejected(reals(), "t_decimal", new BigDecimal("999.995"), "decimal(5,2) holds at most 3 digits before the point");
        rejected(reals(), "t_decimal", 1e300, "decimal(5,2) holds at most 3 digits before the point");
        rejected(reals(), "t_decimal", "-12345", "decimal(5,2) holds at most 3 digits before the point");
        rejected(reals(), "t_decimal", Double.NEGATIVE_INFINITY, "finite");
        rejected(reals(), "t_positive", new BigDecimal("-0.01"), "unsigned");
    }

    @Test
    void integerColumnsHoldTheirRangeAndNothingElse() {
        Object[][] ranges = {
            {"t_tiny", -128L, 127L}, {"t_tiny_u", 0L, 255L}, {"t_small", -32768L, 32767L}, {"t_small_u", 0L, 65535L},
            {"t_medium", -8388608L, 8388607L}, {"t_medium_u", 0L, 16777215L}, {"t_int", -2147483648L, 2147483647L},
            {"t_int_u", 0L, 4294967295L}, {"t_big", Long.MIN_VALUE, Long.MAX_VALUE},
        };
        for (Object[] range : ranges) {
            String attribute = (String) range[0];
            long min = (Long) range[1];
            long max = (Long) range[2];
            assertThat(stored(integers(), attribute, min)).isEqualTo(min);
            assertThat(stored(integers(), attribute, BigInteger.valueOf(max))).isEqualTo(max);
            assertThat(stored(integers(), attribute, Long.toString(max))).isEqualTo(max);
            rejected(integers(), attribute, BigInteger.valueOf(min).subtract(BigInteger.ONE), "out of range");
            rejected(integers(), attribute, BigInteger.valueOf(max).add(BigInteger.ONE), "out of range");
        }
        BigInteger maxUnsigned = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        assertThat(stored(integers(), "t_big_u", maxUnsigned)).isEqualTo(maxUnsigned);
        assertThat(stored(integers(), "t_big_u", 0)).isEqualTo(BigInteger.ZERO);
        rejected(integers(), "t_big_u", maxUnsigned.add(BigInteger.ONE), "out of range");
        rejected(integers(), "t_big_u", -1, "out of range");
        rejected(integers(), "t_big_u", "-1", "out of range");
        rejected(integers(), "t_int_u", -1.0, "out of range");
        rejected(integers(), "t_tiny", 1000.0, "out of range");
    }

    @Test
    void integerColumnsTakeOnlyWholeNumbers() {
        assertThat(stored(integers(), "t_int", 3.0)).isEqualTo(3L);
        assertThat(stored(integers(), "t_int", new BigDecimal("1E+2"))).isEqualTo(100L);
        assertThat(stored(integers(), "t_int", "2.0")).isEqualTo(2L);
        assertThat(stored(integers(), "t_int", true)).isEqualTo(1L);
        assertThat(stored(integers(), "t_big", 1e18)).isEqualTo(1_000_000_000_000_000_000L);
        rejected(integers(), "t_int", 1.5, "a whole number");
        rejected(integers(), "t_int", new BigDecimal("2.5"), "a whole number");
        rejected(integers(), "t_int", "0.1", "a whole number");
        rejected(integers(), "t_int", Double.POSITIVE_INFINITY, "a whole number");
    }

    @Test
    void update1ChecksTheSameLimits() {
        int id = ++nextId;
        reals().insert1(Map.of("id", id, "t_double", 1.0));
        reals().update1(Map.of("id", id, "t_double", new BigDecimal("-1.7976931348623157E+308")));
        assertThat(reals().restrict(Map.of("id", id)).fetch1("t_double").get("t_double")).isEqualTo(-Double.MAX_VALUE);
        assertThatThrownBy(() -> reals().update1(Map.of("id", id, "t_float", 1e39))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`t_float`").hasMessageContaining("beyond the range of a float");
    }
}
