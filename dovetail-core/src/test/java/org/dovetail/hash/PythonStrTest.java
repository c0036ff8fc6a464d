package org.dovetail.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.junit.jupiter.api.Test;

class PythonStrTest {
    @Test
    void decimalsMatchCpython() {
        for (JsonNode vector : Vectors.group(Vectors.PYTHON_STR, "decimal_str")) {
            assertThat(PythonStr.str(new BigDecimal(vector.get("text").asText())))
                    .as("Decimal('%s')", vector.get("text").asText())
                    .isEqualTo(vector.get("str").asText());
        }
    }

    @Test
    void timedeltasMatchCpython() {
        for (JsonNode vector : Vectors.group(Vectors.PYTHON_STR, "timedelta_str")) {
            Duration duration = Duration.of(vector.get("micros").asLong(), ChronoUnit.MICROS);
            assertThat(PythonStr.str(duration)).as("%s", vector).isEqualTo(vector.get("str").asText());
        }
    }

    @Test
    void datesAndDatetimesMatchCpython() {
        for (JsonNode vector : Vectors.group(Vectors.PYTHON_STR, "datetime_str")) {
            JsonNode f = vector.get("fields");
            LocalDateTime dateTime = LocalDateTime.of(f.get(0).asInt(), f.get(1).asInt(), f.get(2).asInt(),
                    f.get(3).asInt(), f.get(4).asInt(), f.get(5).asInt(), f.get(6).asInt() * 1000);
            assertThat(PythonStr.str(dateTime)).isEqualTo(vector.get("datetime_str").asText());
            assertThat(PythonStr.str(dateTime.toLocalDate())).isEqualTo(vector.get("date_str").asText());
        }
    }

    @Test
    void bytesMatchCpython() {
        for (JsonNode vector : Vectors.group(Vectors.PYTHON_STR, "bytes_repr")) {
            byte[] data = HexFormat.of().parseHex(vector.get("hex").asText());
            assertThat(PythonStr.str(data)).as("%s", vector.get("hex"))
                    .isEqualTo(vector.get("repr").asText());
        }
    }

    @Test
    void scalarsPrintAsPython() {
        assertThat(PythonStr.str(null)).isEqualTo("None");
        assertThat(PythonStr.str(true)).isEqualTo("True");
        assertThat(PythonStr.str(false)).isEqualTo("False");
        assertThat(PythonStr.str(-7)).isEqualTo("-7");
        assertThat(PythonStr.str((byte) 1)).isEqualTo("1");
        assertThat(PythonStr.str(BigInteger.TWO.pow(70))).isEqualTo("1180591620717411303424");
        assertThat(PythonStr.str("s1")).isEqualTo("s1");
        assertThat(PythonStr.str(1.0)).isEqualTo("1.0");
        assertThat(PythonStr.str(UUID.fromString("12345678-9ABC-DEF0-0FED-CBA987654321")))
                .isEqualTo("12345678-9abc-def0-0fed-cba987654321");
    }

    @Test
    void timeOfDayPrintsAsTheTimedeltaPythonFetchesForTimeColumns() {
        assertThat(PythonStr.str(LocalTime.of(3, 4, 5))).isEqualTo("3:04:05");
        assertThat(PythonStr.str(LocalTime.of(0, 0, 0, 6000))).isEqualTo("0:00:00.000006");
    }

    @Test
    void floatIsRejectedBecauseItLostTheColumnText() {
        assertThatThrownBy(() -> PythonStr.str(0.1f))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("Double.parseDouble");
    }

    @Test
    void valuesPythonCannotHoldAreRejected() {
        assertThatThrownBy(() -> PythonStr.str(LocalDateTime.of(2020, 1, 2, 3, 4, 5, 1)))
                .isInstanceOf(DovetailException.class).hasMessageContaining("microsecond");
        assertThatThrownBy(() -> PythonStr.str(LocalDate.of(10_000, 1, 1)))
                .isInstanceOf(DovetailException.class).hasMessageContaining("10000");
        assertThatThrownBy(() -> PythonStr.str(LocalDate.of(0, 1, 1)))
                .isInstanceOf(DovetailException.class).hasMessageContaining("years 1 to 9999");
        assertThatThrownBy(() -> PythonStr.str(Duration.ofDays(1_000_000_000)))
                .isInstanceOf(DovetailException.class).hasMessageContaining("999999999 days");
        assertThatThrownBy(() -> PythonStr.str(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(DovetailException.class).hasMessageContaining("999999999 days");
    }

    @Test
    void timedeltaHoldsExactlyItsExtremes() {
        Duration max = Duration.ofDays(999_999_999).plusSeconds(86_399).plusNanos(999_999_000);
        assertThat(PythonStr.str(max)).isEqualTo("999999999 days, 23:59:59.999999");
        assertThat(PythonStr.str(Duration.ofDays(-999_999_999))).isEqualTo("-999999999 days, 0:00:00");
    }

    @Test
    void typesWithoutAPythonCounterpartAreRejectedByName() {
        assertThatThrownBy(() -> PythonStr.str(Instant.EPOCH))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("java.time.Instant");
    }
}
