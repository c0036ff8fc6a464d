package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dovetail.internal.codec.CodecAttributes.adapted;
import static org.dovetail.internal.codec.CodecAttributes.attach;
import static org.dovetail.internal.codec.CodecAttributes.externalAttach;
import static org.dovetail.internal.codec.CodecAttributes.externalBlob;
import static org.dovetail.internal.codec.CodecAttributes.filepath;
import static org.dovetail.internal.codec.CodecAttributes.json;
import static org.dovetail.internal.codec.CodecAttributes.plain;
import static org.dovetail.internal.codec.CodecAttributes.uuid;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.dovetail.InvalidValueException;
import org.dovetail.heading.Attribute;
import org.dovetail.spi.AttributeAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which codec AttributeCodecs gives an attribute (numbers are left to the number codec's own tests). */
class CodecChoiceTest {
    /** No connection: enough for every codec that does not reach a store or an adapter registry. */
    private static final CodecContext CONTEXT = CodecContext.detached("lab");

    private static AttributeCodec codec(Attribute a) {
        return AttributeCodecs.forAttribute(a, CONTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"varchar(255)", "char(1)", "VARCHAR(16)"})
    void charactersGetTheTextCodecWithoutAnEnumCheck(String type) {
        AttributeCodec codec = codec(plain("name", type));

        assertThat(codec).isInstanceOf(TextCodec.class);
        assertThat(codec.toDatabase("anything")).isEqualTo("anything");
    }

    @Test
    void enumsGetTheTextCodecCheckingTheDeclaredValues() {
        AttributeCodec codec = codec(plain("species", "enum('mouse','monkey','human')"));

        assertThat(codec).isInstanceOf(TextCodec.class);
        assertThat(codec.toDatabase("monkey")).isEqualTo("monkey");
        assertThatThrownBy(() -> codec.toDatabase("rat")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void datesGetTheDateCodec() {
        AttributeCodec codec = codec(plain("day", "date"));

        assertThat(codec).isInstanceOf(TemporalCodec.class);
        assertThat(codec.toDatabase(LocalDate.of(2024, 2, 29))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThatThrownBy(() -> codec.toDatabase(Duration.ofHours(1))).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"datetime", "datetime(3)", "timestamp", "timestamp(6)", "DATETIME"})
    void dateTimesAndTimestampsGetTheDateTimeCodec(String type) {
        AttributeCodec codec = codec(plain("at", type));

        assertThat(codec).isInstanceOf(TemporalCodec.class);
        // a date is the start of its day in a datetime column, not passed through as a date
        assertThat(codec.toDatabase(LocalDate.of(2024, 2, 29))).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"time", "time(6)"})
    void timesGetTheTimeCodec(String type) {
        AttributeCodec codec = codec(plain("duration", type));

        assertThat(codec).isInstanceOf(TemporalCodec.class);
        assertThat(codec.toDatabase(Duration.ofMinutes(90))).isEqualTo("1:30:00");
    }

    @Test
    void yearIsNotATemporalCodec() {
        assertThat(codec(plain("y", "year(4)"))).isNotInstanceOf(TemporalCodec.class).isNotInstanceOf(GenericCodec.class);
    }

    @Test
    void uuidGetsTheUuidCodec() {
        AttributeCodec codec = codec(uuid("id"));

        assertThat(codec).isInstanceOf(UuidCodec.class);
        assertThat((byte[]) codec.toDatabase(new UUID(0, 1))).hasSize(16);
    }

    @Test
    void jsonGetsTheJsonCodecOnBothServers() {
        assertThat(codec(json("doc"))).isInstanceOf(JsonCodec.class);
        assertThat(codec(plain("doc", "json"))).isInstanceOf(JsonCodec.class);
    }

    @Test
    void aLongtextWithoutAJsonCheckIsNotJson() {
        assertThat(codec(plain("doc", "longtext"))).isInstanceOf(GenericCodec.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"longblob", "blob", "mediumblob", "tinyblob"})
    void internalBlobsGetTheBlobCodec(String type) {
        assertThat(codec(plain("data", type))).isInstanceOf(BlobCodec.class);
    }

    @Test
    void internalAttachGetsTheAttachCodecThoughItIsALongblob() {
        assertThat(codec(attach("doc"))).isInstanceOf(AttachCodec.class);
    }

    @Test
    void externalTypesGetTheExternalCodec() {
        for (Attribute a : new Attribute[] {externalBlob("trace", "raw"), externalAttach("doc", "raw"), filepath("movie", "stage")}) {
            AttributeCodec codec = codec(a);
            assertThat(codec).as(a.type()).isInstanceOf(BulkCodec.class);
            assertThat(codec.getClass().getSimpleName()).as(a.type()).isEqualTo("ExternalCodec");
        }
        assertThat(codec(plain("data", "longblob"))).isNotInstanceOf(BulkCodec.class);
    }

    @Test
    void adaptedTypesWithoutARegisteredAdapterUseTheirColumnsCodec() {
        assertThat(codec(adapted("graph", "graph", "longblob"))).isInstanceOf(BlobCodec.class);
        assertThat(codec(adapted("position", "point", "varchar(64)"))).isInstanceOf(TextCodec.class);
        assertThat(codec(adapted("when", "moment", "datetime(3)"))).isInstanceOf(TemporalCodec.class);
        AttributeCodec level = codec(adapted("level", "grade", "enum('Low','High')"));
        assertThat(level.toDatabase("High")).as("an adapted enum takes its values from the column").isEqualTo("High");
        assertThatThrownBy(() -> level.toDatabase("Medium")).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary(16)", "varbinary(8)", "bit(1)", "longtext", "geometry"})
    void otherColumnTypesAreGeneric(String type) {
        AttributeCodec codec = codec(plain("x", type));

        assertThat(codec).isSameAs(GenericCodec.INSTANCE);
        Object value = new byte[] {1, 2};
        assertThat(codec.toDatabase(value)).isSameAs(value);
    }

    @Test
    void computedAttributesAreGeneric() {
        assertThat(AttributeCodecs.forExpression()).isSameAs(GenericCodec.INSTANCE);
    }

    @Test
    void anAdapterIsAppliedBeforeTheStoredTypesCodec() {
        AttributeAdapter point = AttributeAdapter.of("point", "varchar(64)",
                v -> ((double[]) v)[0] + "," + ((double[]) v)[1],
                s -> Arrays.stream(((String) s).split(",")).mapToDouble(Double::parseDouble).toArray());
        AttributeCodec codec = AdaptedCodecs.adapted(codec(adapted("position", "point", "varchar(64)")), point);

        assertThat(codec.toDatabase(new double[] {0.5, -1.25})).isEqualTo("0.5,-1.25");
    }

    @Test
    void anAdapterKeepsTheStoredCodecsInvalidValueErrors() {
        AttributeAdapter identity = AttributeAdapter.of("tag", "enum('a','b')", v -> v, s -> s);
        AttributeCodec codec = AdaptedCodecs.adapted(codec(plain("tag", "enum('a','b')")), identity);

        assertThatThrownBy(() -> codec.toDatabase("c"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`tag`");
    }

    @Test
    void anAdapterOverAnExternalTypeStaysABulkCodec() {
        AttributeAdapter any = AttributeAdapter.of("graph", "blob@raw", v -> v, s -> s);

        assertThat(AdaptedCodecs.adapted(codec(externalBlob("graph", "raw")), any)).isInstanceOf(BulkCodec.class);
    }
}
