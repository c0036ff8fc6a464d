package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dovetail.internal.codec.CodecAttributes.plain;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.dovetail.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TextCodec (char, varchar, enum) and TemporalCodec (date, datetime, timestamp, time). */
class TextAndTemporalCodecTest {
    private enum Species { mouse, MONKEY }

    private static TextCodec text() {
        return new TextCodec(plain("name", "varchar(32)"), null);
    }

    private static TextCodec species() {
        String type = "enum('mouse','monkey','human')";
        return new TextCodec(plain("species", type), TextCodec.enumValues(type));
    }

    private static TemporalCodec temporal(String type, TemporalCodec.Kind kind) {
        return new TemporalCodec(plain("at", type), kind);
    }

    @Test
    void textTakesStringsCharactersNumbersAndEnumNames() {
        TextCodec codec = text();

        assertThat(codec.toDatabase("abc")).isEqualTo("abc");
        assertThat(codec.toDatabase(new StringBuilder("sb"))).isEqualTo("sb");
        assertThat(codec.toDatabase('x')).isEqualTo("x");
        assertThat(codec.toDatabase(42)).isEqualTo("42");
        assertThat(codec.toDatabase(1.5)).isEqualTo("1.5");
        assertThat(codec.toDatabase(Species.MONKEY)).isEqualTo("MONKEY");
        assertThat(codec.toDatabase("")).isEqualTo("");
    }

    @Test
    void textRejectsOtherValuesNamingAttributeAndValue() {
        assertThatThrownBy(() -> text().toDatabase(List.of("a")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`name`")
                .hasMessageContaining("varchar(32)")
                .hasMessageContaining("'[a]' (")
                .hasMessageContaining("expected a string");
        assertThatThrownBy(() -> text().toDatabase(true)).isInstanceOf(InvalidValueException.class).hasMessageContaining("'true'");
        assertThatThrownBy(() -> text().toDatabase(new byte[3])).isInstanceOf(InvalidValueException.class).hasMessageContaining("3 bytes");
    }

    @Test
    void enumValuesAreCheckedIgnoringCaseAndSentAsGiven() {
        TextCodec codec = species();

        assertThat(codec.toDatabase("mouse")).isEqualTo("mouse");
        assertThat(codec.toDatabase("Human")).isEqualTo("Human");
        assertThat(codec.toDatabase(Species.MONKEY)).isEqualTo("MONKEY");
        assertThat(codec.toDatabase(Species.mouse)).isEqualTo("mouse");
    }

    @Test
    void aValueOutsideTheEnumNamesAttributeValueAndTheAllowedValues() {
        assertThatThrownBy(() -> species().toDatabase("rat"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`species`")
                .hasMessageContaining("'rat' (String)")
                .hasMessageContaining("one of mouse, monkey, human");
        assertThatThrownBy(() -> species().toDatabase(""))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`species`");
    }

    @Test
    void enumValuesAreParsedFromTheServersType() {
        assertThat(TextCodec.enumValues("enum('mouse','monkey','human')")).containsExactly("mouse", "monkey", "human");
        assertThat(TextCodec.enumValues("enum('a')")).containsExactly("a");
        assertThat(TextCodec.enumValues("enum('')")).containsExactly("");
        assertThat(TextCodec.enumValues("ENUM('M', 'F')")).containsExactly("M", "F");
    }

    @Test
    void enumValuesMayHoldCommasParenthesesAndDoubledQuotes() {
        assertThat(TextCodec.enumValues("enum('a,b','(c)','it''s')")).containsExactly("a,b", "(c)", "it's");
        assertThat(TextCodec.enumValues("enum('''quoted''')")).containsExactly("'quoted'");
    }

    @Test
    void enumValuesMayHoldDoubleQuotes() {
        // The server writes enum values in single quotes; a double quote inside is an ordinary character.
        assertThat(TextCodec.enumValues("enum('say \"hi\"','plain')")).containsExactly("say \"hi\"", "plain");
        assertThat(TextCodec.enumValues("enum('a\"b')")).containsExactly("a\"b");
    }

    @Test
    void enumValuesUndoTheServersBackslashEscapes() {
        // MariaDB writes a backslash in an enum value as \\ (and newline, return, NUL as \n, \r, \0)
        assertThat(TextCodec.enumValues("enum('back\\\\slash','a\\nb','tab\there')"))
                .containsExactly("back\\slash", "a\nb", "tab\there");
        assertThat(TextCodec.enumValues("enum('x\\'y')")).containsExactly("x'y");
    }

    @Test
    void anEnumValueWithADoubleQuoteCanBeInserted() {
        String type = "enum('say \"hi\"','plain')";
        TextCodec codec = new TextCodec(plain("greeting", type), TextCodec.enumValues(type));

        assertThat(codec.toDatabase("say \"hi\"")).isEqualTo("say \"hi\"");
        assertThatThrownBy(() -> codec.toDatabase("say")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void textIsTakenAsItIsByEveryTemporalKind() {
        for (TemporalCodec.Kind kind : TemporalCodec.Kind.values()) {
            assertThat(temporal("date", kind).toDatabase("2024-01-31")).as(kind.name()).isEqualTo("2024-01-31");
            assertThat(temporal("date", kind).toDatabase(new StringBuilder("x"))).as(kind.name()).isEqualTo("x");
        }
    }

    @Test
    void datesTakeLocalDatesAndSqlDates() {
        TemporalCodec codec = temporal("date", TemporalCodec.Kind.DATE);

        assertThat(codec.toDatabase(LocalDate.of(2024, 2, 29))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(codec.toDatabase(LocalDateTime.of(2024, 2, 29, 10, 0))).isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 0));
        assertThat(codec.toDatabase(java.sql.Date.valueOf("2024-02-29"))).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void datesRejectOtherValuesNamingTheAttribute() {
        assertThatThrownBy(() -> temporal("date", TemporalCodec.Kind.DATE).toDatabase(20240229))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`at` (date)")
                .hasMessageContaining("'20240229' (Integer)")
                .hasMessageContaining("a LocalDate or an ISO date");
    }

    @Test
    void dateTimesTakeWallClockTimes() {
        TemporalCodec codec = temporal("datetime(3)", TemporalCodec.Kind.DATETIME);
        LocalDateTime wall = LocalDateTime.of(2024, 3, 31, 2, 30, 15, 123_000_000);

        assertThat(codec.toDatabase(wall)).isEqualTo(wall);
        assertThat(codec.toDatabase(LocalDate.of(2024, 3, 31))).isEqualTo(LocalDateTime.of(2024, 3, 31, 0, 0));
        assertThat(codec.toDatabase(OffsetDateTime.of(wall, ZoneOffset.ofHours(5)))).isEqualTo(wall);
        assertThat(codec.toDatabase(ZonedDateTime.of(wall.plusHours(1), ZoneId.of("Europe/Berlin")))).isEqualTo(wall.plusHours(1));
        assertThat(codec.toDatabase(java.sql.Timestamp.valueOf(wall))).isEqualTo(wall);
    }

    @Test
    void anInstantIsRejectedBecauseItHasNoWallClockTime() {
        assertThatThrownBy(() -> temporal("timestamp", TemporalCodec.Kind.DATETIME).toDatabase(Instant.EPOCH))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`at` (timestamp)")
                .hasMessageContaining("1970-01-01T00:00:00Z")
                .hasMessageContaining("Instant has no wall-clock time");
    }

    @Test
    void dateTimesRejectTimesOfDay() {
        assertThatThrownBy(() -> temporal("datetime", TemporalCodec.Kind.DATETIME).toDatabase(LocalTime.NOON))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'12:00' (LocalTime)")
                .hasMessageContaining("a LocalDateTime or an ISO date-time");
    }

    @Test
    void timesTakeDurationsAndTimesOfDay() {
        TemporalCodec codec = temporal("time", TemporalCodec.Kind.TIME);

        assertThat(codec.toDatabase(Duration.ofSeconds(3 * 3600 + 4 * 60 + 5))).isEqualTo("3:04:05");
        assertThat(codec.toDatabase(LocalTime.of(23, 59, 58))).isEqualTo("23:59:58");
        assertThatThrownBy(() -> codec.toDatabase(LocalDateTime.of(2024, 1, 1, 0, 0)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`at` (time)")
                .hasMessageContaining("a Duration, a LocalTime or [-]HH:MM:SS text");
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource(delimiter = '|', value = {
            "PT0S                  | 0:00:00",
            "PT1H30M               | 1:30:00",
            "PT838H59M59S          | 838:59:59",
            "-PT838H59M59S         | -838:59:59",
            "PT26H0.5S             | 26:00:00.500000",
            "PT0.000001S           | 0:00:00.000001",
            "-PT1.5S               | -0:00:01.500000",
            "-PT0.25S              | -0:00:00.250000",
    })
    void durationsAndMySqlTimeTextMatch(String iso, String text) {
        Duration d = Duration.parse(iso);

        assertThat(TemporalCodec.durationText(d)).isEqualTo(text);
        assertThat(TemporalCodec.parseDuration(text)).isEqualTo(d);
    }

    @Test
    void timeTextWithShortOrLongFractionsIsRead() {
        assertThat(TemporalCodec.parseDuration("10:00:00.5")).isEqualTo(Duration.ofHours(10).plusMillis(500));
        assertThat(TemporalCodec.parseDuration("00:00:01.123456")).isEqualTo(Duration.ofSeconds(1).plusNanos(123_456_000));
        assertThat(TemporalCodec.parseDuration("-00:00:00.1")).isEqualTo(Duration.ofMillis(-100));
    }

    @Test
    void durationsRoundTripAtMicrosecondPrecision() {
        long limit = 838L * 3600 * 1_000_000 + 59 * 60 * 1_000_000 + 59_999_999;
        qt().forAll(longs().between(-limit, limit)).checkAssert(micros -> {
            Duration d = Duration.ofNanos(micros * 1000);
            assertThat(TemporalCodec.parseDuration(TemporalCodec.durationText(d))).isEqualTo(d);
        });
    }
}
