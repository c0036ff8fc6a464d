package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.dovetail.Dovetail;
import org.dovetail.blob.BlobJson;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.heading.Attribute;
import org.dovetail.query.Top;
import org.dovetail.schema.Attachment;
import org.dovetail.schema.Table;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;

/**
 * The DataJoint-Python fixture package ({@code fixture-014}) loaded into a schema, with its two
 * stores ({@code fstore} in a directory, {@code s3store} under a key prefix of the test bucket), and
 * the check that a schema's every value fetches to {@code expected.json}.
 */
final class Fixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WRITER_SCHEMA = "dvt_fixture";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private Fixture() {}

    /** Stores {@code fstore} and {@code s3store} in fresh places named {@code tag} (a directory under {@code base}, a key prefix). */
    static Config config(TestDatabase db, TestS3 s3, Path base, String tag) throws IOException {
        Path dir = Files.createDirectories(base.resolve(tag + "-fstore"));
        Path fstage = Files.createDirectories(base.resolve(tag + "-fstage"));
        Path sstage = Files.createDirectories(base.resolve(tag + "-sstage"));
        return TestConfigs.of(db).builder().filepathManagement(true)
                .store(StoreSpec.file("fstore", dir.toString()).withStage(fstage.toString()))
                .store(StoreSpec.s3("s3store", s3.hostAndPort(), s3.bucket(), tag + "-s3", s3.accessKey(), s3.secretKey()).withStage(sstage.toString()))
                .build();
    }

    /** Loads the dump into a new schema and the objects into the config's stores. */
    static void load(TestDatabase db, TestS3 s3, Config config, String schema) throws Exception {
        try (var c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
        }
        String dump = new String(resource("schema.sql").readAllBytes(), StandardCharsets.UTF_8);
        try (var c = DriverManager.getConnection(db.jdbcUrl() + schema + "?allowMultiQueries=true", db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(dump);
        }
        JsonNode stores = JSON.readTree(resource("stores.json"));
        Path fileLocation = Path.of(config.store("fstore").location());
        String s3Location = config.store("s3store").location();
        for (JsonNode object : stores.get("objects")) {
            byte[] content = resource(object.get("file").asText()).readAllBytes();
            String relative = object.get("relative").asText();
            if (object.get("renamed_with_schema").asBoolean()) {
                relative = schema + relative.substring(WRITER_SCHEMA.length());
            }
            if (object.get("store").asText().equals("fstore")) {
                Path target = fileLocation.resolve(relative);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
            } else {
                Map<String, String> metadata = new HashMap<>();
                JsonNode meta = object.get("metadata");
                for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    metadata.put(key, meta.get(key).asText());
                }
                s3.putObject(s3Location + "/" + relative, content, metadata);
            }
        }
    }

    static InputStream resource(String path) throws IOException {
        InputStream in = Fixture.class.getClassLoader().getResourceAsStream("fixture-014/" + path);
        if (in == null) {
            throw new IOException("missing test resource fixture-014/" + path);
        }
        return in;
    }

    static JsonNode expected() throws IOException {
        return JSON.readTree(resource("expected.json"));
    }

    /** Every value of every table of {@code schema}, external ones read from the stores of {@code dj}, as expected.json has it. */
    static int assertEveryValue(Dovetail dj, String schema) throws Exception {
        dj.connection().execute("SET time_zone = '+00:00'");
        Path downloads = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "downloads-");
        JsonNode expected = expected();
        int compared = 0;
        for (JsonNode name : expected.path("order")) {
            JsonNode table = expected.path("tables").path(name.asText());
            Table t = dj.schema(schema).freeTable(table.path("table").asText());
            List<String> attrs = new ArrayList<>();
            for (Attribute a : t.heading().attributes()) {
                if (a.adapter() == null) {
                    attrs.add(a.name());
                }
            }
            List<Map<String, Object>> rows = t.top(Top.orderBy("KEY")).downloadTo(downloads).fetch(attrs.toArray(String[]::new));
            assertThat(rows).as(name.asText()).hasSize(table.path("rows").size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode values = table.path("rows").get(i).path("values");
                for (JsonNode column : table.path("columns")) {
                    String attribute = column.path("name").asText();
                    String where = name.asText() + "." + attribute + " row " + i;
                    if (column.path("kind").asText().equals("adapted")) {
                        continue;
                    }
                    assertValue(where, column.path("kind").asText(), values.path(attribute), rows.get(i).get(attribute));
                    compared++;
                }
            }
        }
        return compared;
    }

    private static void assertValue(String where, String kind, JsonNode expectedValue, Object actual) throws Exception {
        if (expectedValue.isNull()) {
            assertThat(actual).as(where).isNull();
            return;
        }
        switch (kind) {
            case "int" -> assertThat(new BigInteger(actual.toString())).as(where).isEqualTo(expectedValue.bigIntegerValue());
            case "float32" -> assertThat((Double) actual).as(where).isCloseTo(expectedValue.doubleValue(),
                    Offset.offset(Math.abs(expectedValue.doubleValue()) * 1e-6 + 1e-30));
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
                String filename = actual instanceof Path p ? p.getFileName().toString() : ((Attachment) actual).filename();
                byte[] contents = actual instanceof Path p ? Files.readAllBytes(p) : ((Attachment) actual).contents();
                assertThat(filename).as(where).isEqualTo(expectedValue.path("filename").asText());
                assertThat(sha256(contents)).as(where).isEqualTo(expectedValue.path("sha256").asText());
            }
            case "filepath" -> {
                Path file = (Path) actual;
                assertThat(file.toString().replace('\\', '/')).as(where).endsWith(expectedValue.path("path").asText());
                assertThat(sha256(Files.readAllBytes(file))).as(where).isEqualTo(expectedValue.path("sha256").asText());
            }
            default -> throw new AssertionError("unknown kind " + kind + " at " + where);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String timeText(Duration d) {
        Duration abs = d.abs();
        return (d.isNegative() ? "-" : "") + String.format("%02d:%02d:%02d.%06d", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart(),
                abs.toNanosPart() / 1000);
    }
}
