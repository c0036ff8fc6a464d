package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dovetail.BucketInaccessibleException;
import org.dovetail.Dovetail;
import org.dovetail.DuplicateException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobJson;
import org.dovetail.blob.NdArray;
import org.dovetail.config.StoreSpec;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.query.Top;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External attributes through the regular table API: the fixture package's blob@, attach@ and
 * filepath@ values fetch to what DataJoint-Python read, and values inserted by Dovetail land as
 * DataJoint-Python's objects and tracking rows, atomically with their rows.
 */
@DovetailTest
class ExternalAttributesIT {
    private static FixtureStores fixture;
    private static Dovetail connection;

    @BeforeAll
    static void load(TestDatabase db, TestS3 s3) throws Exception {
        fixture = FixtureStores.load(db, s3, "attributes-it-");
        connection = Dovetail.connect(fixture.config);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void everyExternalAttributeOfThePythonFixtureFetchesToItsExpectedValue() throws Exception {
        int checked = 0;
        var tables = fixture.expected.get("tables").properties().iterator();
        while (tables.hasNext()) {
            var entry = tables.next();
            JsonNode table = entry.getValue();
            List<String> external = new ArrayList<>();
            for (JsonNode c : table.get("columns")) {
                if (c.has("store")) {
                    external.add(c.get("name").asText());
                }
            }
            if (external.isEmpty()) {
                continue;
            }
            Path downloads = Files.createTempDirectory(fixture.base, "downloads");
            List<Map<String, Object>> rows = connection.schema(fixture.schema).freeTable(table.get("table").asText())
                    .top(Top.orderBy("KEY")).downloadTo(downloads).fetch();
            assertThat(rows).hasSize(table.get("rows").size());
            for (int r = 0; r < rows.size(); r++) {
                JsonNode want = table.get("rows").get(r).get("values");
                for (String name : external) {
                    Object got = rows.get(r).get(name);
                    JsonNode expected = want.get(name);
                    String where = entry.getKey() + "." + name + " row " + r;
                    if (expected.isNull()) {
                        assertThat(got).as(where).isNull();
                    } else if (expected.has("t")) {
                        assertThat(normalized(BlobJson.toJson(got))).as(where).isEqualTo(normalized(expected));
                    } else {
                        Path file = (Path) got;
                        assertThat(Files.size(file)).as(where).isEqualTo(expected.get("size").asLong());
                        assertThat(sha256(file)).as(where).isEqualTo(expected.get("sha256").asText());
                        if (expected.has("filename")) {
                            assertThat(file.getFileName().toString()).isEqualTo(expected.get("filename").asText());
                        } else {
                            Path stage = Path.of(fixture.config.store(rowStore(table, name)).stage());
                            assertThat(stage.relativize(file).toString()).isEqualTo(expected.get("path").asText());
                        }
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void insertedValuesLandAsDataJointsObjectsAndRowsAndFetchBack() throws Exception {
        Schema schema = connection.createSchema(fixture.database.schema("ins"));
        schema.declare(Tier.MANUAL, "Recording", """
                # a recording with its data in three stores
                rec_id : int
                ---
                trace : blob@fstore
                image : blob@s3store
                notes = null : attach@s3store
                raw : filepath@fstore
                """);
        Table recordings = schema.table("Recording");
        Path stage = Path.of(fixture.config.store("fstore").stage());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path raw = stage.resolve("ins/session" + i + ".dat");
            Files.createDirectories(raw.getParent());
            Files.writeString(raw, "raw data of session " + i);
            Path notes = Files.createDirectories(fixture.base.resolve("notes" + i)).resolve("notes.txt");
            Files.writeString(notes, "notes " + i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rec_id", i);
            row.put("trace", new double[] {i, i + 0.5, i + 1});
            row.put("image", new double[][] {{i, 1}, {2, 3}});
            row.put("notes", i % 2 == 0 ? notes : null);
            row.put("raw", raw);
            rows.add(row);
        }
        assertThat(recordings.insert(rows)).isEqualTo(6);

        byte[] trace0 = Blob.encode(new double[] {0, 0.5, 1});
        UUID hash0 = ContentHash.uuidFromBuffer(trace0, "");
        Path object = fixture.fileLocation.resolve(schema.name()).resolve(UuidBytes.toHex(hash0).substring(0, 2))
                .resolve(UuidBytes.toHex(hash0).substring(2, 4)).resolve(UuidBytes.toHex(hash0));
        assertThat(Files.readAllBytes(object)).isEqualTo(trace0);
        try (ExternalStore s3 = ExternalStore.open(connection.connection(), "s3store")) {
            assertThat(s3.tracking(schema.name()).rows()).hasSize(6 + 3);
            assertThat(s3.tracking(schema.name()).rows()).filteredOn(r -> r.kind() == TrackingRow.Kind.ATTACHMENT)
                    .extracting(TrackingRow::attachmentName).containsOnly("notes.txt");
        }
        try (ExternalStore files = ExternalStore.open(connection.connection(), "fstore")) {
            assertThat(files.tracking(schema.name()).rows()).filteredOn(r -> r.kind() == TrackingRow.Kind.FILEPATH)
                    .extracting(TrackingRow::filepath).contains("ins/session0.dat", "ins/session5.dat");
        }

        List<Map<String, Object>> back = recordings.top(Top.orderBy("KEY")).downloadTo(Files.createTempDirectory(fixture.base, "dl")).fetch();
        assertThat(back).hasSize(6);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> row = back.get(i);
            assertThat(((NdArray) row.get("trace")).toDoubleArray()).containsExactly(i, i + 0.5, i + 1);
            assertThat(((NdArray) row.get("image")).getDouble(0, 0)).isEqualTo(i);
            assertThat(Files.readString((Path) row.get("raw"))).isEqualTo("raw data of session " + i);
            if (i % 2 == 0) {
                assertThat(Files.readString((Path) row.get("notes"))).isEqualTo("notes " + i);
            } else {
                assertThat(row.get("notes")).isNull();
            }
        }
        assertThat(new StoreVerifier(connection.store("s3store")).verify(List.of(schema.name()), true, n -> { }).clean())
                .isTrue();
    }

    @Test
    void aFailedInsertLeavesNeitherRowsNorTrackingRows() {
        Schema schema = connection.createSchema(fixture.database.schema("fail"));
        schema.declare(Tier.MANUAL, "Scan", """
                scan_id : int
                ---
                volume : blob@s3store
                """);
        Table scans = schema.table("Scan");
        List<Map<String, Object>> rows = List.of(Map.of("scan_id", 1, "volume", new double[] {1, 2}),
                Map.of("scan_id", 1, "volume", new double[] {3, 4}));
        assertThatThrownBy(() -> scans.insert(rows)).isInstanceOf(DuplicateException.class);
        assertThat(scans.count()).isZero();
        try (ExternalStore s3 = ExternalStore.open(connection.connection(), "s3store")) {
            assertThat(s3.tracking(schema.name()).rows()).isEmpty();
        }
        scans.insert(List.of(Map.of("scan_id", 1, "volume", new double[] {1, 2})));
        assertThat(((NdArray) scans.fetch1("volume").get("volume")).toDoubleArray()).containsExactly(1, 2);
    }

    @Test
    void aStoreThatRefusesTheKeysStopsTheInsertBeforeAnyRow() {
        StoreSpec good = fixture.config.store("s3store");
        StoreSpec wrong = good.withCredentials(good.accessKey(), "wrong-secret");
        try (Dovetail conn = Dovetail.connect(fixture.config.toBuilder().store(wrong).build())) {
            Schema schema = conn.createSchema(fixture.database.schema("refused"));
            schema.declare(Tier.MANUAL, "Scan", """
                    scan_id : int
                    ---
                    volume : blob@s3store
                    """);
            Table scans = schema.table("Scan");
            assertThatThrownBy(() -> scans.insert1(Map.of("scan_id", 1, "volume", new double[] {1, 2})))
                    .isInstanceOf(BucketInaccessibleException.class).hasMessageContaining("s3store");
            assertThat(scans.count()).isZero();
        }
    }

    private static String rowStore(JsonNode table, String column) {
        for (JsonNode c : table.get("columns")) {
            if (c.get("name").asText().equals(column)) {
                return c.get("store").asText();
            }
        }
        throw new AssertionError(column);
    }

    private static JsonNode normalized(JsonNode tree) throws Exception {
        return FixtureStores.JSON.readTree(FixtureStores.JSON.writeValueAsString(tree));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
