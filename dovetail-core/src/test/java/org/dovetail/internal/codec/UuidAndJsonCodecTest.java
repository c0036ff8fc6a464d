package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dovetail.internal.codec.CodecAttributes.json;
import static org.dovetail.internal.codec.CodecAttributes.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dovetail.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UuidCodec (uuid as binary(16)) and JsonCodec (json as its text). */
class UuidAndJsonCodecTest {
    private static final UUID ID = UUID.fromString("12345678-9abc-def0-0fed-cba987654321");

    private static String hex(Object bytes) {
        return HexFormat.of().formatHex((byte[]) bytes);
    }

    @Test
    void aUuidIsStoredAsItsSixteenBigEndianBytes() {
        assertThat(hex(new UuidCodec(uuid("id")).toDatabase(ID))).isEqualTo("123456789abcdef00fedcba987654321");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "12345678-9abc-def0-0fed-cba987654321",
            "123456789abcdef00fedcba987654321",
            "123456789ABCDEF00FEDCBA987654321",
            "{12345678-9abc-def0-0fed-cba987654321}",
            "urn:uuid:12345678-9abc-def0-0fed-cba987654321",
            "URN:UUID:12345678-9abc-def0-0fed-cba987654321",
    })
    void uuidTextIsAcceptedInTheFormsPythonsUuidAccepts(String text) {
        assertThat(UuidCodec.parse(text, "bad")).isEqualTo(ID);
        assertThat(hex(new UuidCodec(uuid("id")).toDatabase(text))).isEqualTo("123456789abcdef00fedcba987654321");
    }

    @Test
    void theHighestUuidParsesAsUnsignedHex() {
        assertThat(UuidCodec.parse("ffffffff-ffff-ffff-ffff-ffffffffffff", "bad")).isEqualTo(new UUID(-1L, -1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a uuid", "12345678-9abc-def0-0fed-cba98765432", "12345678-9abc-def0-0fed-cba9876543210",
            "g2345678-9abc-def0-0fed-cba987654321"})
    void badlyFormedUuidTextNamesTheValueAndTheAttribute(String text) {
        assertThatThrownBy(() -> new UuidCodec(uuid("session_uuid")).toDatabase(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("badly formed UUID value " + text + " for attribute `session_uuid`");
    }

    @Test
    void otherValuesAreNotUuids() {
        assertThatThrownBy(() -> new UuidCodec(uuid("id")).toDatabase(42))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("value 42")
                .hasMessageContaining("`id`");
        assertThatThrownBy(() -> new UuidCodec(uuid("id")).toDatabase(new byte[16]))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("`id`");
    }

    @Test
    void jsonIsStoredAsJacksonsText() throws Exception {
        JsonCodec codec = new JsonCodec(json("doc"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "trial");
        doc.put("n", 3);
        doc.put("tags", List.of("a", "b"));
        doc.put("none", null);

        String text = (String) codec.toDatabase(doc);

        assertThat(text).isEqualTo("{\"name\":\"trial\",\"n\":3,\"tags\":[\"a\",\"b\"],\"none\":null}");
        JsonNode back = JsonCodec.MAPPER.readTree(text);
        assertThat(back.get("tags").get(1).asText()).isEqualTo("b");
    }

    @Test
    void jsonScalarsAndNodesAreStoredAsJson() {
        JsonCodec codec = new JsonCodec(json("doc"));

        assertThat(codec.toDatabase("text")).isEqualTo("\"text\"");
        assertThat(codec.toDatabase(1.5)).isEqualTo("1.5");
        assertThat(codec.toDatabase(true)).isEqualTo("true");
        assertThat(codec.toDatabase(JsonCodec.MAPPER.createObjectNode().put("a", 1))).isEqualTo("{\"a\":1}");
        assertThat(codec.toDatabase(new int[] {1, 2})).isEqualTo("[1,2]");
    }

    @Test
    void aValueJacksonCannotWriteNamesTheAttributeAndTheValue() {
        Object opaque = new Object() {
            @Override
            public String toString() {
                return "opaque thing";
            }
        };

        assertThatThrownBy(() -> new JsonCodec(json("doc")).toDatabase(opaque))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Attribute `doc` (json) cannot hold 'opaque thing'");
    }

    @Test
    void nanAndInfinitiesAreNotJsonAndAreRejectedNotStoredAsText() {
        // Python's json.dumps writes a bare NaN, which the server refuses; it never becomes the string "NaN".
        JsonCodec codec = new JsonCodec(json("doc"));
        Map<String, Object> withNan = new LinkedHashMap<>();
        withNan.put("gain", Double.NaN);

        for (Object value : List.of(Double.NaN, Float.POSITIVE_INFINITY, withNan, List.of(1.0, Double.NEGATIVE_INFINITY),
                new double[] {0.5, Double.NaN}, new float[] {Float.NaN}, JsonCodec.MAPPER.createObjectNode().put("x", Double.NaN))) {
            assertThatThrownBy(() -> codec.toDatabase(value))
                    .as(Values.describe(value))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("Attribute `doc` (json) cannot hold")
                    .hasMessageContaining("not JSON");
        }
        assertThat(codec.toDatabase(new double[] {0.5, -1e300})).isEqualTo("[0.5,-1.0E300]");
    }
}
