package org.dovetail.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.blob.Blob;
import org.dovetail.blob.BlobFormatException;
import org.dovetail.blob.RawBlob;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Query.rawBlobs()}: blobs fetched as their stored bytes, and blobs that are not valid naming their attribute. */
@DovetailTest
class RawBlobsIT {
    private static TestDatabase db;
    private static Dovetail connection;
    private static Table blobs;

    @BeforeAll
    static void declare(TestDatabase database) {
        db = database;
        connection = Dovetail.connect(TestConfigs.of(db));
        Schema schema = connection.createSchema(db.schema("raw"));
        schema.declare(TableDefinition.of(Tier.MANUAL, "Blobs", "id : int\n---\nvalue = null : longblob"));
        blobs = schema.table("Blobs");
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void rawBlobsKeepTheStoredBytesAndTellNoneFromNull() {
        byte[] none = Blob.encode(null);
        byte[] seven = Blob.encode(7);
        Map<String, Object> sqlNull = new HashMap<>();
        sqlNull.put("id", 3);
        sqlNull.put("value", null);
        blobs.insert(List.of(Map.of("id", 1, "value", RawBlob.of(none)), Map.of("id", 2, "value", RawBlob.of(seven)), sqlNull));
        Map<Object, Object> decoded = new HashMap<>();
        Map<Object, Object> raw = new HashMap<>();
        blobs.fetch().forEach(r -> decoded.put(r.get("id"), r.get("value")));
        blobs.rawBlobs().fetch().forEach(r -> raw.put(r.get("id"), r.get("value")));
        assertThat(decoded).containsEntry(1L, null).containsEntry(2L, java.math.BigInteger.valueOf(7)).containsEntry(3L, null);
        assertThat(raw).containsEntry(1L, RawBlob.of(none)).containsEntry(2L, RawBlob.of(seven)).containsEntry(3L, null);
    }

    @Test
    void externalBlobsFetchRawTooSoNoneStaysApartFromNull(@TempDir Path store) {
        Config config = TestConfigs.builder(db).store(StoreSpec.file("files", store.toString())).build();
        try (Dovetail conn = Dovetail.connect(config)) {
            Schema schema = conn.createSchema(db.schema("rawext"));
            schema.declare(TableDefinition.of(Tier.MANUAL, "Stored", "id : int\n---\nvalue = null : blob@files"));
            Table stored = schema.table("Stored");
            byte[] none = Blob.encode(null);
            byte[] seven = Blob.encode(7);
            Map<String, Object> sqlNull = new HashMap<>();
            sqlNull.put("id", 3);
            sqlNull.put("value", null);
            stored.insert(List.of(Map.of("id", 1, "value", RawBlob.of(none)), Map.of("id", 2, "value", RawBlob.of(seven)), sqlNull));
            Map<Object, Object> raw = new HashMap<>();
            stored.rawBlobs().fetch().forEach(r -> raw.put(r.get("id"), r.get("value")));
            assertThat(raw).containsEntry(1L, RawBlob.of(none)).containsEntry(2L, RawBlob.of(seven)).containsEntry(3L, null);
            assertThat(stored.restrict("id = 2").fetch1("value").get("value")).isEqualTo(java.math.BigInteger.valueOf(7));
        }
    }

    @Test
    void aBlobThatIsNotValidIsAnErrorNamingTheAttribute() throws Exception {
        try (java.sql.Connection jdbc = db.connect();
             PreparedStatement ps = jdbc.prepareStatement("INSERT INTO `" + db.schema("raw") + "`.`blobs` VALUES (10, ?)")) {
            ps.setBytes(1, new byte[] {'d', 'j', '0', 0, 'Z'});
            ps.executeUpdate();
        }
        try {
            assertThatThrownBy(() -> blobs.restrict("id = 10").fetch()).isInstanceOf(BlobFormatException.class)
                    .hasMessage("invalid blob at offset 4: unknown code 'Z' (attribute `value`)");
            assertThat(((RawBlob) blobs.restrict("id = 10").rawBlobs().fetch1("value").get("value")).length()).isEqualTo(5);
        } finally {
            blobs.restrict("id = 10").deleteQuick();
        }
    }
}
