package org.dovetail.internal.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.dovetail.hash.Vectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PythonFloatTest {
    @Test
    void matchesCpythonReprForEveryVector() {
        for (JsonNode vector : Vectors.group(Vectors.PYTHON_STR, "float_repr")) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(vector.get("bits").asText(), 16));
            assertThat(PythonFloat.repr(value)).as("bits %s", vector.get("bits"))
                    .isEqualTo(vector.get("repr").asText());
        }
    }

    @Test
    void layoutSwitchesToScientificBelowOneTenThousandthAndFromTenToTheSixteenth() {
        assertThat(PythonFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloat.repr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(9999999999999998.0)).isEqualTo("9999999999999998.0");
        assertThat(PythonFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(1.5e300)).isEqualTo("1.5e+300");
        assertThat(PythonFloat.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonFloat.repr(Double.longBitsToDouble(0xfff8000000000000L))).isEqualTo("nan");
    }

    @Test
    void shortestWhereJdk17DoubleToStringPrintsTooManyDigits() {
        assertThat(Double.toString(2e23)).isEqualTo("1.9999999999999998E23");
        assertThat(PythonFloat.repr(2e23)).isEqualTo("2e+23");
        assertThat(PythonFloat.repr(1e23)).isEqualTo("1e+23");
        assertThat(PythonFloat.repr(8.41e21)).isEqualTo("8.41e+21");
        assertThat(PythonFloat.repr(2.82879384806159e17)).isEqualTo("2.82879384806159e+17");
        assertThat(PythonFloat.repr(5e-324)).isEqualTo("5e-324");
    }

    @Test
    void anyDoubleParsesBackFromItsRepr() {
        qt().withExamples(20_000).forAll(anyBitPattern())
                .checkAssert(value -> assertThat(parse(PythonFloat.repr(value))).isEqualTo(value));
    }

    @Test
    void noShorterDigitStringParsesBack() {
        qt().withExamples(20_000)
                .forAll(anyBitPattern().assuming(value -> Double.isFinite(value) && value != 0))
                .checkAssert(PythonFloatTest::assertNoShorterDigitsRoundTrip);
    }

    @Test
    void aDecimalThatParsesToTheValueIsNeverShorterThanTheRepr() {
        qt().withExamples(20_000)
                .forAll(longs().between(1, 999_999_999_999_999L), integers().between(-330, 300))
                .checkAssert((mantissa, exponent) -> {
                    BigDecimal written = BigDecimal.valueOf(mantissa, -exponent).stripTrailingZeros();
                    double value = written.doubleValue();
                    if (value != 0 && Double.isFinite(value)) {
                        assertThat(PythonFloat.shortestDigits(value).stripTrailingZeros().precision())
                                .as("%s", written).isLessThanOrEqualTo(written.precision());
                    }
                });
    }

    @Test
    void positionalOrScientificByDecimalExponent() {
        qt().withExamples(20_000).forAll(doubles().any())
                .assuming(value -> Double.isFinite(value) && value != 0)
                .checkAssert(value -> {
                    BigDecimal digits = PythonFloat.shortestDigits(Math.abs(value));
                    int exponent = digits.precision() - digits.scale() - 1;
                    String repr = PythonFloat.repr(value);
                    boolean scientific = exponent < -4 || exponent >= 16;
                    assertThat(repr.contains("e")).as(repr).isEqualTo(scientific);
                    assertThat(repr.contains(".") || scientific).as(repr).isTrue();
                    assertThat(repr.startsWith("-")).as(repr).isEqualTo(value < 0);
                });
    }

    /** Doubles from uniformly random bits: every exponent equally likely, subnormals and NaN included. */
    private static Gen<Double> anyBitPattern() {
        return longs().all().map(Double::longBitsToDouble);
    }

    /** Python text back to a double; {@code inf}/{@code nan} are Python's spellings. */
    private static double parse(String repr) {
        switch (repr) {
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                return Double.parseDouble(repr);
        }
    }

    /**
     * The decimals that parse to {@code value} form an interval around it, so if any string with
     * one digit fewer parsed back, the nearest one below or above would.
     */
    private static void assertNoShorterDigitsRoundTrip(double value) {
        String repr = PythonFloat.repr(value);
        int digits = new BigDecimal(repr).stripTrailingZeros().precision();
        if (digits == 1) {
            return;
        }
        BigDecimal exact = new BigDecimal(value);
        for (RoundingMode side : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal shorter = exact.round(new MathContext(digits - 1, side));
            assertThat(shorter.doubleValue()).as("%s is shorter than %s", shorter, repr).isNotEqualTo(value);
        }
    }
}
