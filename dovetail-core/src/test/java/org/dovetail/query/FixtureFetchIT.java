package org.dovetail.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.blob.BlobJson;
import org.dovetail.heading.Attribute;
import org.dovetail.schema.Attachment;
import org.dovetail.schema.Table;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the fixture package DataJoint-Python 0.14.9 wrote fetches to exactly the values in
 * its expected.json: every in-table attribute (external ones are the stores' tests).
 */
@DovetailTest
class FixtureFetchIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static JsonNode expected;
    private static Dovetail connection;
    private static String schema;

    @BeforeAll
    static void load(TestDatabase db) throws Exception {
        schema = db.schema("fixture");
        try (var c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        String dump = new String(resource("fixture-014/schema.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (var c = DriverManager.getConnection(db.jdbcUrl() + schema + "?allowMultiQueries=true", db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(dump);
        }
        connection = Dovetail.connect(TestConfigs.of(db));
        connection.connection().execute("SET time_zone = '+00:00'");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    static Stream<String> tables() throws IOException {
        JsonNode e = JSON.readTree(resource("fixture-014/expected.json"));
        List<String> names = new ArrayList<>();
        e.path("order").forEach(n -> names.add(n.asText()));
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void everyRowFetchesToWhatPythonRead(String name) throws Exception {
        JsonNode table = expected().path("tables").path(name);
        Table t = connection.schema(schema).freeTable(table.path("table").asText());
        // in-table attributes only: fetching an external one reads its store, which is the stores' tests' business
        String[] inTable = t.heading().attributes().stream().filter(a -> !a.isExternal()).map(Attribute::name).toArray(String[]::new);
        List<Map<String, Object>> rows = t.top(Top.orderBy("KEY")).fetch(inTable);
        assertThat(rows).hasSize(table.path("rows").size());
        int compared = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            JsonNode values = table.path("rows").get(i).path("values");
            for (JsonNode column : table.path("columns")) {
                String attribute = column.path("name").asText();
                Attribute a = t.heading().attribute(attribute);
                if (a.isExternal()) {
                    continue;
                }
                assertValue(name + "." + attribute + " row " + i, column.path("kind").asText(), values.path(attribute), row.get(attribute));
                compared++;
            }
        }
        assertThat(compared).isPositive();
    }

    private static void assertValue(String where, String kind, JsonNode expectedValue, Object actual) throws Exception {
        if (expectedValue.isNull()) {
            assertThat(actual).as(where).isNull();
            return;
        }
        switch (kind) {
            case "int" -> assertThat(new BigInteger(actual.toString())).as(where).isEqualTo(expectedValue.bigIntegerValue());
            case "float32" -> assertThat((Double) actual).as(where).isCloseTo(expectedValue.doubleValue(),
                    org.assertj.core.data.Offset.offset(Math.abs(expectedValue.doubleValue()) * 1e-6 + 1e-30));
            case "float64" -> assertThat((Double) actual).as(where).isEqualTo(expectedValue.doubleValue());
            case "decimal" -> assertThat(((BigDecimal) actual).toPlainString()).as(where).isEqualTo(expectedValue.asText());
            case "string" -> assertThat(actual).as(where).isEqualTo(expectedValue.asText());
            case "date" -> assertThat(((LocalDate) actual).toString()).as(where).isEqualTo(expectedValue.asText());
            case "datetime", "timestamp" -> assertThat(((LocalDateTime) actual).format(DATETIME)).as(where).isEqualTo(expectedValue.asText());
            case "time" -> assertThat(timeText((Duration) actual)).as(where).isEqualTo(expectedValue.asText());
            case "uuid" -> assertThat(((UUID) actual).toString()).as(where).isEqualTo(expectedValue.asText());
            case "json" -> assertThat((JsonNode) actual).as(where).isEqualTo(expectedValue);
            case "blob" -> assertThat(JSON.readTree(BlobJson.toJson(actual).toString())).as(where).isEqualTo(expectedValue);
            case "attach" -> {
                Attachment attachment = (Attachment) actual;
                assertThat(attachment.filename()).as(where).isEqualTo(expectedValue.path("filename").asText());
                assertThat(attachment.contents().length).as(where).isEqualTo(expectedValue.path("size").asInt());
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(attachment.contents())))
                        .as(where).isEqualTo(expectedValue.path("sha256").asText());
            }
            case "adapted" -> assertThat(actual).as(where + " (stored form; adapters are not applied yet)").isEqualTo(expectedValue.path("stored").asText());
            default -> throw new AssertionError("unknown kind " + kind + " at " + where);
        }
    }

    /** {@code [-]HH:MM:SS.ffffff}, hours at least two digits. */
    private static String timeText(Duration d) {
        Duration abs = d.abs();
        return (d.isNegative() ? "-" : "") + String.format("%02d:%02d:%02d.%06d", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart(),
                abs.toNanosPart() / 1000);
    }

    private static JsonNode expected() throws IOException {
        if (expected == null) {
            expected = JSON.readTree(resource("fixture-014/expected.json"));
        }
        return expected;
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = FixtureFetchIT.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing test resource " + path);
        }
        return in;
    }
}
