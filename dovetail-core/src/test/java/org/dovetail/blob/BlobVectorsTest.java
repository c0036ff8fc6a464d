package org.dovetail.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 117 vectors produced by DataJoint-Python 0.14.9 (blob-format.md section 9). */
class BlobVectorsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Vectors written by the 32-bit mym build; nothing in their bytes says so. */
    private static final Set<String> THIRTY_TWO_BIT = Set.of("matlab_32bit_struct");

    static JsonNode vectorFile() {
        try (InputStream in = BlobVectorsTest.class.getResourceAsStream("/vectors/blob-vectors.json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> vectors() {
        return StreamSupport.stream(vectorFile().get("vectors").spliterator(), false)
            .map(v -> Arguments.of(v.get("id").asText(), v));
    }

    static Stream<Arguments> roundtripVectors() {
        return vectors().filter(a -> ((JsonNode) a.get()[1]).get("java_roundtrip").asBoolean());
    }

    static byte[] bytesOf(JsonNode vector) {
        return HexFormat.of().parseHex(vector.get("hex").asText());
    }

    private static DecodeOptions optionsFor(String id) {
        return DecodeOptions.defaults().with32BitDims(THIRTY_TWO_BIT.contains(id));
    }

    /** Re-parses a tree so that number node types compare equal (IntNode 5 vs LongNode 5). */
    static JsonNode normalized(JsonNode tree) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(tree));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fileHoldsAll117Vectors() {
        assertThat(vectorFile().get("vectors")).hasSize(117);
        assertThat(roundtripVectors().count()).isEqualTo(108);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesToTheExpectedTree(String id, JsonNode vector) {
        byte[] bytes = bytesOf(vector);
        JsonNode expected = vector.get("java");
        if (expected.has("error")) {
            assertThatThrownBy(() -> Blob.decode(bytes, optionsFor(id)))
                .isInstanceOf(BlobFormatException.class)
                .hasMessageContaining(expected.get("error").asText());
        } else {
            JsonNode actual = BlobJson.toJson(Blob.decode(bytes, optionsFor(id)));
            assertThat(normalized(actual)).isEqualTo(normalized(expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundtripVectors")
    void encodesTheTreeToPythonsBytes(String id, JsonNode vector) {
        Object value = BlobJson.fromJson(vector.get("java"));
        assertThat(HexFormat.of().formatHex(Blob.encode(value))).isEqualTo(vector.get("hex").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundtripVectors")
    void reencodesDecodedValuesByteForByte(String id, JsonNode vector) {
        byte[] bytes = bytesOf(vector);
        assertThat(Blob.encode(Blob.decode(bytes))).isEqualTo(bytes);
        assertThat(BlobJson.encodeFromJson(BlobJson.decodeToJson(bytes))).isEqualTo(bytes);
    }
}
