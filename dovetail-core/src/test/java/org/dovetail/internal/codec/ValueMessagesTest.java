package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.dovetail.ErrorCode;
import org.dovetail.InvalidValueException;
import org.junit.jupiter.api.Test;

/** How codec messages show values (Values.describe and Values.invalid). */
class ValueMessagesTest {
    @Test
    void aValueIsShownQuotedWithItsClass() {
        assertThat(Values.describe("abc")).isEqualTo("'abc' (String)");
        assertThat(Values.describe(7L)).isEqualTo("'7' (Long)");
        assertThat(Values.describe(null)).isEqualTo("null");
    }

    @Test
    void bytesAreShownByTheirCount() {
        assertThat(Values.describe(new byte[1000])).isEqualTo("'1000 bytes' (byte[])");
    }

    @Test
    void longValuesAreShortened() {
        String shown = Values.describe("x".repeat(500));

        assertThat(shown).startsWith("'" + "x".repeat(60) + "...'").endsWith(" (String)");
        assertThat(shown.length()).isLessThan(100);
        assertThat(Values.describe("y".repeat(60))).isEqualTo("'" + "y".repeat(60) + "' (String)");
    }

    @Test
    void anInvalidValueNamesAttributeTypeValueAndWhatWasExpected() {
        InvalidValueException e = Values.invalid(CodecAttributes.plain("weight", "varchar(8)"), 1.5, "a string");

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e).hasMessage("Attribute `weight` (varchar(8)) cannot hold '1.5' (Double): expected a string");
    }
}
