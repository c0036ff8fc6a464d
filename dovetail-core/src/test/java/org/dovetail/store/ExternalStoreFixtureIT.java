package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.dovetail.BucketInaccessibleException;
import org.dovetail.Dovetail;
import org.dovetail.MissingExternalFileException;
import org.dovetail.StoreException;
import org.dovetail.TransactionException;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobJson;
import org.dovetail.config.StoreSpec;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.store.AtomicFiles;
import org.dovetail.internal.store.ObjectPaths;
import org.dovetail.internal.store.ObjectStores;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The objects and tracking rows DataJoint-Python 0.14.9 wrote, read back through a file store and
 * an S3 store, and written again byte for byte.
 */
@DovetailTest
class ExternalStoreFixtureIT {
    private static FixtureStores fixture;
    private static Dovetail connection;

    @BeforeAll
    static void load(TestDatabase db, TestS3 s3) throws Exception {
        fixture = FixtureStores.load(db, s3, "stores-it-");
        connection = Dovetail.connect(fixture.config);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    /** Every external column of the fixture: table, column, store. */
    private static List<String[]> externalColumns(String kind) {
        List<String[]> columns = new ArrayList<>();
        fixture.expected.get("tables").properties().iterator().forEachRemaining(t -> {
            for (JsonNode c : t.getValue().get("columns")) {
                if (c.has("store") && c.get("kind").asText().equals(kind)) {
                    columns.add(new String[] {t.getKey(), c.get("name").asText(), c.get("store").asText()});
                }
            }
        });
        return columns;
    }

    private static JsonNode table(String className) {
        return fixture.expected.get("tables").get(className);
    }

    /** The referencing column's value for the row with this key (16 bytes), or null. */
    private static UUID hashIn(String className, String column, JsonNode key) {
        JsonNode table = table(className);
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        key.properties().iterator().forEachRemaining(k -> {
            where.append(where.length() == 0 ? "" : " AND ").append('`').append(k.getKey()).append("` = ?");
            params.add(k.getValue().isIntegralNumber() ? k.getValue().asLong() : k.getValue().asText());
        });
        List<byte[]> values = connection.connection().query("SELECT `" + column + "` FROM " + TableNames.fullName(fixture.schema,
                table.get("table").asText()) + " WHERE " + where, r -> r.getBytes(1), params.toArray());
        return values.get(0) == null ? null : UuidBytes.fromBytes(values.get(0));
    }

    @Test
    void everyExternalBlobFetchesToWhatPythonRead() {
        int checked = 0;
        for (String[] col : externalColumns("blob")) {
            try (ExternalStore store = ExternalStore.open(connection.connection(), col[2])) {
                for (JsonNode row : table(col[0]).get("rows")) {
                    UUID hash = hashIn(col[0], col[1], row.get("key"));
                    JsonNode want = row.get("values").get(col[1]);
                    if (hash == null) {
                        assertThat(want.isNull()).as("%s.%s %s", col[0], col[1], row.get("key")).isTrue();
                        continue;
                    }
                    assertThat(hash.toString()).isEqualTo(row.get("stored").get(col[1]).get("hash").asText());
                    JsonNode got = BlobJson.toJson(Blob.decode(store.getBlob(fixture.schema, hash)));
                    assertThat(normalized(got)).as("%s.%s %s", col[0], col[1], row.get("key")).isEqualTo(normalized(want));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void manyBlobsFetchInParallelInOrder() {
        try (ExternalStore store = ExternalStore.open(connection.connection(), "s3store")) {
            List<UUID> hashes = fixture.objects("s3store", "blob").stream()
                    .map(o -> UUID.fromString(o.get("hash").asText())).toList();
            List<byte[]> blobs = store.getBlobs(fixture.schema, hashes);
            for (int i = 0; i < hashes.size(); i++) {
                assertThat(org.dovetail.hash.ContentHash.uuidFromBuffer(blobs.get(i), "")).isEqualTo(hashes.get(i));
            }
        }
    }

    @Test
    void everyAttachmentDownloadsWithItsNameAndContents() throws Exception {
        int checked = 0;
        for (String[] col : externalColumns("attach")) {
            try (ExternalStore store = ExternalStore.open(connection.connection(), col[2])) {
                for (JsonNode row : table(col[0]).get("rows")) {
                    UUID hash = hashIn(col[0], col[1], row.get("key"));
                    JsonNode want = row.get("values").get(col[1]);
                    if (hash == null) {
                        assertThat(want.isNull()).isTrue();
                        continue;
                    }
                    Path dir = Files.createTempDirectory(fixture.base, "dl");
                    Path file = store.getAttachment(fixture.schema, hash, dir);
                    assertThat(file.getFileName().toString()).isEqualTo(want.get("filename").asText());
                    assertThat(Files.size(file)).isEqualTo(want.get("size").asLong());
                    assertThat(sha256(file)).isEqualTo(want.get("sha256").asText());
                    // Fetching again reuses the identical file instead of writing a numbered copy.
                    assertThat(store.getAttachment(fixture.schema, hash, dir)).isEqualTo(file);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(countNonNull(externalColumns("attach")));
    }

    @Test
    void aDifferentFileOfTheSameNameGetsANumberedName() throws Exception {
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            JsonNode att = fixture.objects("fstore", "attachment").get(0);
            UUID hash = UUID.fromString(att.get("hash").asText());
            String name = att.get("relative").asText().substring(att.get("relative").asText().indexOf('.', 40) + 1);
            Path dir = Files.createTempDirectory(fixture.base, "clash");
            Files.writeString(dir.resolve(name), "something else");
            Path file = store.getAttachment(fixture.schema, hash, dir);
            int dot = name.lastIndexOf('.');
            assertThat(file.getFileName().toString()).isEqualTo(name.substring(0, dot) + "_0000" + name.substring(dot));
            assertThat(Files.readString(dir.resolve(name))).isEqualTo("something else");
        }
    }

    @Test
    void everyFilepathIsPlacedUnderTheStageWithItsContents() throws Exception {
        int checked = 0;
        for (String[] col : externalColumns("filepath")) {
            try (ExternalStore store = ExternalStore.open(connection.connection(), col[2])) {
                Path stage = Path.of(store.spec().stage());
                for (JsonNode row : table(col[0]).get("rows")) {
                    UUID hash = hashIn(col[0], col[1], row.get("key"));
                    JsonNode want = row.get("values").get(col[1]);
                    Path file = store.getFilepath(fixture.schema, hash);
                    assertThat(stage.relativize(file).toString()).isEqualTo(want.get("path").asText());
                    assertThat(Files.size(file)).isEqualTo(want.get("size").asLong());
                    assertThat(sha256(file)).isEqualTo(want.get("sha256").asText());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(countNonNull(externalColumns("filepath")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fstore", "s3store"})
    void trackingRowsAreThoseDataJointWrote(String storeName) {
        try (ExternalStore store = ExternalStore.open(connection.connection(), storeName)) {
            List<String> rows = store.tracking(fixture.schema).rows().stream()
                    .map(r -> r.hash() + " " + r.size() + " " + r.attachmentName() + " " + r.filepath() + " " + r.contentsHash())
                    .toList();
            List<String> want = new ArrayList<>();
            for (JsonNode r : fixture.expected.get("external").get(storeName)) {
                want.add(r.get("hash").asText() + " " + r.get("size").asLong() + " " + text(r.get("attachment_name")) + " "
                        + text(r.get("filepath")) + " " + text(r.get("contents_hash")));
            }
            assertThat(rows).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fstore", "s3store"})
    void writingTheSameValuesAgainProducesPythonsObjectsAndRows(String storeName) throws Exception {
        String other = fixture.database.schema("again_" + storeName.charAt(0));
        connection.connection().execute("CREATE DATABASE `" + other + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), storeName)) {
            for (JsonNode object : fixture.objects(storeName, "blob")) {
                byte[] python = FixtureStores.bytes(object.get("file").asText());
                // Decode Python's bytes, re-encode the value: the codec reproduces them exactly.
                byte[] ours = Blob.encode(Blob.decode(python));
                assertThat(ours).as(object.get("relative").asText()).isEqualTo(python);
                UUID hash = store.putBlob(other, ours);
                assertThat(hash.toString()).isEqualTo(object.get("hash").asText());
                String path = other + object.get("relative").asText().substring(FixtureStores.WRITER_SCHEMA.length());
                assertThat(store.objects().read(path)).isEqualTo(python);
                TrackingRow row = store.tracking(other).row(hash).orElseThrow();
                assertThat(row.size()).isEqualTo(python.length);
                assertThat(row.kind()).isEqualTo(TrackingRow.Kind.BLOB);
            }
            for (JsonNode object : fixture.objects(storeName, "attachment")) {
                String relative = object.get("relative").asText();
                String name = relative.substring(relative.lastIndexOf('/') + 33 + 1);
                Path file = Files.createTempDirectory(fixture.base, "att").resolve(name);
                Files.write(file, FixtureStores.bytes(object.get("file").asText()));
                UUID hash = store.putAttachment(other, file);
                assertThat(hash.toString()).isEqualTo(object.get("hash").asText());
                assertThat(store.objects().stat(other + relative.substring(FixtureStores.WRITER_SCHEMA.length()))).isPresent();
                assertThat(store.tracking(other).row(hash).orElseThrow().attachmentName()).isEqualTo(name);
            }
            Path stage = Path.of(store.spec().stage());
            for (JsonNode object : fixture.objects(storeName, "filepath")) {
                String relative = object.get("relative").asText();
                Path file = stage.resolve("rewrite").resolve(relative);
                Files.createDirectories(file.getParent());
                Files.write(file, FixtureStores.bytes(object.get("file").asText()));
                UUID hash = store.putFilepath(other, file);
                TrackingRow row = store.tracking(other).row(hash).orElseThrow();
                assertThat(row.filepath()).isEqualTo("rewrite/" + relative);
                JsonNode pythonRow = pythonRow(storeName, object.get("hash").asText());
                assertThat(text(pythonRow.get("contents_hash"))).isEqualTo(String.valueOf(row.contentsHash()));
                assertThat(row.size()).isEqualTo(object.get("size").asLong());
            }
        }
    }

    @Test
    void theS3KeysAreThoseDataJointUses() {
        try (ExternalStore store = ExternalStore.open(connection.connection(), "s3store")) {
            JsonNode object = fixture.objects("s3store", "blob").get(0);
            assertThat(store.objects().address(fixture.relative(object)))
                    .isEqualTo("s3://" + fixture.s3.bucket() + "/fixture/" + fixture.relative(object));
            assertThat(object.get("file").asText()).isEqualTo("stores/s3store/fixture/" + object.get("relative").asText());
        }
    }

    @Test
    void anObjectDeletedBehindDataJointsBackIsAClearError() throws Exception {
        String schema = fixture.database.schema("gone");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            UUID hash = store.putBlob(schema, Blob.encode(List.of(1, 2, 3)));
            String path = ObjectPaths.blob(schema, hash, StoreSpec.DEFAULT_SUBFOLDING);
            Files.delete(fixture.fileLocation.resolve(path));
            assertThatThrownBy(() -> store.getBlob(schema, hash))
                    .isInstanceOf(MissingExternalFileException.class)
                    .hasMessageContaining("Store `fstore`")
                    .hasMessageContaining(fixture.fileLocation.resolve(path).toString())
                    .hasMessageContaining("`" + schema + "`.`~external_fstore` row " + UuidBytes.toHex(hash));
        }
    }

    @Test
    void anS3ServerThatRefusesTheKeysIsAClearErrorBeforeAnyTransfer() {
        StoreSpec good = fixture.config.store("s3store");
        StoreSpec wrongKey = good.withCredentials(good.accessKey(), "not-the-secret");
        assertThatThrownBy(() -> ObjectStores.open(wrongKey))
                .isInstanceOf(BucketInaccessibleException.class)
                .hasMessageContaining("bucket `" + good.bucket() + "`")
                .hasMessageContaining(good.endpoint());
        StoreSpec noBucket = good.withBucket("no-such-bucket");
        assertThatThrownBy(() -> ObjectStores.open(noBucket)).isInstanceOf(BucketInaccessibleException.class)
                .hasMessageContaining("no-such-bucket");
    }

    @Test
    void aFailedUploadLeavesNeitherObjectNorTrackingRow() throws Exception {
        String schema = fixture.database.schema("failed");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            Path unreadable = Files.createTempDirectory(fixture.base, "notafile");
            assertThatThrownBy(() -> store.putAttachment(schema, unreadable)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(unreadable.toString());
            assertThat(store.tracking(schema).rows()).isEmpty();
            try (var files = Files.walk(fixture.fileLocation.resolve(schema).getParent())) {
                assertThat(files.filter(p -> p.toString().contains(AtomicFiles.TEMP_MARKER)).toList()).isEmpty();
            }
        }
    }

    @Test
    void aTrackingTableRefusedInsideATransactionIsDeclaredOnTheNextUseOutsideOne() {
        String schema = fixture.database.schema("declare");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            String table = store.trackingTable(schema).quoted();
            assertThat(table).isEqualTo("`" + schema + "`.`~external_fstore`");
            assertThatThrownBy(() -> connection.useTransaction(() -> store.declareTracking(schema)))
                    .isInstanceOf(TransactionException.class).hasMessageContaining(table);
            assertThat(trackingTables(schema)).isZero();
            store.declareTracking(schema);
            assertThat(trackingTables(schema)).isOne();
            assertThat(store.trackingRows(schema)).isEmpty();
        }
    }

    private static long trackingTables(String schema) {
        return connection.connection().queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_name = '~external_fstore'", Long.class, schema).orElseThrow();
    }

    @Test
    void aFilepathOutsideTheStageIsRejected() throws Exception {
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            Path outside = Files.createTempFile(fixture.base, "outside", ".dat");
            assertThatThrownBy(() -> store.putFilepath(fixture.schema, outside))
                    .isInstanceOf(StoreException.class).hasMessageContaining("is not in stage");
        }
    }

    @Test
    void aStaleUnreferencedFilepathRowDoesNotBlockReIngestion() throws Exception {
        String schema = fixture.database.schema("stale");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            Path file = Path.of(store.spec().stage()).resolve("stale").resolve("session.nwb");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "first version");
            UUID first = store.putFilepath(schema, file);
            Files.writeString(file, "second, longer version");
            UUID second = store.putFilepath(schema, file);
            assertThat(second).isEqualTo(first);
            TrackingRow row = store.tracking(schema).row(first).orElseThrow();
            assertThat(row.size()).isEqualTo("second, longer version".length());
        }
    }

    /** Number nodes compare by their text: re-read the tree from its JSON text. */
    private static JsonNode normalized(JsonNode tree) {
        try {
            return FixtureStores.JSON.readTree(FixtureStores.JSON.writeValueAsString(tree));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int countNonNull(List<String[]> columns) {
        int n = 0;
        for (String[] col : columns) {
            for (JsonNode row : table(col[0]).get("rows")) {
                n += row.get("values").get(col[1]).isNull() ? 0 : 1;
            }
        }
        return n;
    }

    private static JsonNode pythonRow(String store, String hash) {
        for (JsonNode r : fixture.expected.get("external").get(store)) {
            if (r.get("hash").asText().equals(hash)) {
                return r;
            }
        }
        throw new AssertionError("no external row " + hash);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asText();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
