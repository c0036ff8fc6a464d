package org.dovetail.hash;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.dovetail.DovetailException;
import org.junit.jupiter.api.Test;

class KeyHashTest {
    /** The Java values for each {@code key_repr} in hash-vectors.json, as a Java fetch returns them. */
    private static final Map<String, Map<String, Object>> DATAJOINT_KEYS = Map.ofEntries(
            entry("{'subject_id': 7, 'session': 's1'}", Map.of("subject_id", 7L, "session", "s1")),
            entry("{'a': '1', 'b': '23'}", Map.of("a", "1", "b", "23")),
            entry("{'a': '12', 'b': '3'}", Map.of("a", "12", "b", "3")),
            entry("{'nwb_file_name': 'file_.nwb'}", Map.of("nwb_file_name", "file_.nwb")),
            entry("{'f': 0.1, 'g': 1e-05, 'h': 1.0, 'i': 1e+16}",
                    Map.of("f", 0.1, "g", 1e-05, "h", 1.0, "i", 1e16)),
            entry("{'d': datetime.date(2020, 1, 2), 't': datetime.datetime(2020, 1, 2, 3, 4, 5), "
                    + "'u': datetime.datetime(2020, 1, 2, 3, 4, 5, 6)}",
                    Map.of("d", LocalDate.of(2020, 1, 2), "t", LocalDateTime.of(2020, 1, 2, 3, 4, 5),
                            "u", LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6000))),
            entry("{'td': datetime.timedelta(seconds=3720), "
                    + "'neg': datetime.timedelta(days=-1, seconds=82800)}",
                    Map.of("td", Duration.ofSeconds(3720), "neg", Duration.ofHours(-1))),
            entry("{'dec': Decimal('1.50'), 'id': UUID('12345678-9abc-def0-0fed-cba987654321')}",
                    Map.of("dec", new BigDecimal("1.50"),
                            "id", UUID.fromString("12345678-9abc-def0-0fed-cba987654321"))),
            entry("{'B': 2, 'a': 1}", Map.of("B", 2L, "a", 1L)),
            entry("{}", Map.of()));

    @Test
    void everyDataJointVectorMatches() {
        List<JsonNode> vectors = Vectors.group(Vectors.DATAJOINT, "key_hash");
        assertThat(vectors).hasSameSizeAs(DATAJOINT_KEYS.keySet());
        for (JsonNode vector : vectors) {
            Map<String, Object> key = DATAJOINT_KEYS.get(vector.get("key_repr").asText());
            assertThat(key).as("Java key for %s", vector.get("key_repr")).isNotNull();

            StringBuilder concatenated = new StringBuilder();
            new TreeMap<>(key).values().forEach(value -> concatenated.append(PythonStr.str(value)));
            String repr = vector.get("key_repr").asText();
            assertThat(concatenated).as(repr).hasToString(vector.get("concatenated").asText());
            assertThat(KeyHash.keyHash(key)).as(repr).isEqualTo(vector.get("key_hash").asText());
        }
    }

    @Test
    void everyCpythonKeyVectorMatches() {
        for (JsonNode vector : Vectors.group(Vectors.PYTHON_STR, "key_hash")) {
            Map<String, Object> key = new HashMap<>();
            for (Map.Entry<String, JsonNode> field : vector.get("key").properties()) {
                JsonNode typed = field.getValue();
                key.put(field.getKey(), typedValue(typed.get(0).asText(), typed.get(1).asText()));
            }
            assertThat(KeyHash.keyHash(key)).as(vector.get("key_repr").asText())
                    .isEqualTo(vector.get("key_hash").asText());
        }
    }

    @Test
    void orderIsByNameNotByInsertion() {
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("a", 1L);
        forward.put("b", 2L);
        Map<String, Object> backward = new LinkedHashMap<>();
        backward.put("b", 2L);
        backward.put("a", 1L);

        assertThat(KeyHash.keyHash(forward)).isEqualTo(KeyHash.keyHash(backward)).isEqualTo(md5Hex("12"));
    }

    @Test
    void namesBeyondTheBasicPlaneSortByCodePointAsInPython() {
        // UTF-16 order would put U+1F600 (a surrogate pair, 0xD83D...) before U+FF5E.
        Map<String, Object> key = Map.of("\uff5e", "z", "\ud83d\ude00", "y");
        assertThat(KeyHash.keyHash(key)).isEqualTo(md5Hex("zy"));
    }

    @Test
    void unhashableValueIsReportedWithItsAttribute() {
        assertThatThrownBy(() -> KeyHash.keyHash(Map.of("orientation", 0.5f)))
                .isInstanceOf(DovetailException.class)
                .hasMessageContaining("`orientation`")
                .hasMessageContaining("FLOAT");
    }

    private static String md5Hex(String text) {
        return UuidBytes.toHex(ContentHash.uuidFromBuffer(new byte[0], text));
    }

    /** Decodes the {@code [type, text]} pairs written by python_str_vectors.py. */
    private static Object typedValue(String type, String text) {
        switch (type) {
            case "none": return null;
            case "bool": return Boolean.valueOf(text.equals("True"));
            case "int": return new BigInteger(text);
            case "float_bits": return Double.longBitsToDouble(Long.parseUnsignedLong(text, 16));
            case "decimal": return new BigDecimal(text);
            case "timedelta_micros": return Duration.of(Long.parseLong(text), ChronoUnit.MICROS);
            case "datetime": return LocalDateTime.parse(text);
            case "date": return LocalDate.parse(text);
            case "uuid": return UUID.fromString(text);
            case "bytes_hex": return HexFormat.of().parseHex(text);
            case "str": return text;
            default: throw new IllegalArgumentException("unknown vector value type " + type);
        }
    }
}
