package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.TableName;
import org.dovetail.blob.Blob;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;

/**
 * A store with one of everything a cleanup must tell apart, on a file directory or an S3 bucket,
 * used by two schemas through two store names with the same location:
 * <ul>
 * <li>live blobs of both schemas ({@code Live}, {@code Live2}, the non-NULL row of {@code Maybe});</li>
 * <li>a nullable external column with NULLs ({@code Maybe}), which must not empty the unused set;</li>
 * <li>old orphans (rows 1 and 2 of {@code Gone} deleted, their tracking rows made 30 days old) and a
 *     young one (row 3: its tracking row keeps its fresh timestamp);</li>
 * <li>filepath files tracked by both schemas: {@code shared/a.dat} used by both, {@code shared/b.dat}
 *     used by the first only, {@code shared/c.dat} by neither;</li>
 * <li>an old untracked object in a schema folder (a real blob, so an insert can re-track it), a
 *     young one (file stores only: an S3 object's time cannot be set), incomplete uploads of both
 *     naming styles, keys that are not DataJoint objects, and (S3) a folder marker.</li>
 * </ul>
 * Ages: tracking rows by {@code UPDATE ... timestamp}; file objects by their mtime; S3 objects by
 * the clock the test gives the cleanup ({@link #OBJECT_CLOCK_SHIFT} ahead), since their times are the server's.
 */
final class PlantedStore {
    /** How far ahead of now an S3 test's cleanup clock runs, so that objects written now count as old. */
    static final Duration OBJECT_CLOCK_SHIFT = Duration.ofDays(8);
    static final Duration OLD = Duration.ofDays(30);

    final Config config;
    final String store;
    final String alias;
    final String s1;
    final String s2;
    final boolean s3;
    final Path stage;

    String oldUntracked;
    String youngUntracked;
    String orphanValue = "an orphan that an insert may want back";
    String savingDovetail;
    String savingPython;
    String readme = "README.txt";
    String elsewhere;
    String marker;
    String gone1;
    String gone2;
    String gone3;
    UUID gone1Hash;

    private PlantedStore(Config config, String store, String alias, String s1, String s2, boolean s3, Path stage) {
        this.config = config;
        this.store = store;
        this.alias = alias;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.stage = stage;
    }

    /** The configuration: the store and its alias at one location, filepath enabled, the audit log in a schema of the test's own. */
    static PlantedStore config(TestDatabase db, String name, TestS3 s3, Path dir) throws IOException {
        String store = name;
        String alias = name + "_alias";
        Path stage = Files.createDirectories(dir.resolve("stage"));
        StoreSpec spec = s3 == null
                ? StoreSpec.file(store, stage.toString()).withStage(stage.toString())
                : StoreSpec.s3(store, s3.hostAndPort(), s3.bucket(), "plant/" + name, s3.accessKey(), s3.secretKey()).withStage(stage.toString());
        Config config = Config.builder().host(db.host()).port(db.port()).user(db.user()).password(db.password())
                .store(spec).store(spec.withName(alias)).filepathManagement(true)
                .custom(JsonNodeFactory.instance.objectNode().put("database.audit_schema", db.schema("audit")))
                .build();
        return new PlantedStore(config, store, alias, db.schema(name + "1"), db.schema(name + "2"), s3 != null, stage);
    }

    /** Declares, inserts, deletes and plants. */
    PlantedStore plant(Dovetail dj, TestS3 bucket) throws IOException {
        Schema one = dj.createSchema(s1);
        Schema two = dj.createSchema(s2);
        Table live = one.declare(Tier.MANUAL, "Live", "id : int\n---\nv : blob@" + store);
        Table gone = one.declare(Tier.MANUAL, "Gone", "id : int\n---\nv : blob@" + store);
        Table maybe = one.declare(Tier.MANUAL, "Maybe", "id : int\n---\nv = null : blob@" + store);
        Table files = one.declare(Tier.MANUAL, "Files", "id : int\n---\nf : filepath@" + store);
        Table live2 = two.declare(Tier.MANUAL, "Live2", "id : int\n---\nv : blob@" + alias);
        Table files2 = two.declare(Tier.MANUAL, "Files2", "id : int\n---\nf : filepath@" + alias);
        for (int i = 1; i <= 3; i++) {
            live.insert1(Map.of("id", i, "v", "live " + i));
            gone.insert1(Map.of("id", i, "v", "gone " + i));
            live2.insert1(Map.of("id", i, "v", "second schema " + i));
        }
        maybe.insert1(Map.of("id", 1));
        maybe.insert1(Map.of("id", 2, "v", "maybe"));
        int id = 0;
        for (String name : List.of("a", "b", "c")) {
            Path file = Files.writeString(Files.createDirectories(stage.resolve("shared")).resolve(name + ".dat"), "file " + name);
            id++;
            files.insert1(Map.of("id", id, "f", file));
            files2.insert1(Map.of("id", id, "f", file));
        }
        ExternalStore external = dj.store(store);
        gone1Hash = ContentHash.uuidFromBuffer(Blob.encode("gone 1"), "");
        gone1 = external.blobPath(s1, gone1Hash);
        gone2 = external.blobPath(s1, ContentHash.uuidFromBuffer(Blob.encode("gone 2"), ""));
        gone3 = external.blobPath(s1, ContentHash.uuidFromBuffer(Blob.encode("gone 3"), ""));
        gone.restrict("id in (1, 2, 3)").deleteQuick();
        files.restrict("id = 3").deleteQuick();
        files2.restrict("id in (2, 3)").deleteQuick();
        for (String schema : List.of(s1, s2)) {
            for (String name : List.of(store, alias)) {
                TableName t = ExternalStore.trackingTable(schema, name);
                if (dj.connection().queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                        Long.class, schema, t.table()).orElse(0L) > 0) {
                    dj.connection().execute("UPDATE " + t.quoted() + " SET timestamp = NOW() - INTERVAL 30 DAY WHERE hash <> ?",
                            UuidBytes.toBytes(ContentHash.uuidFromBuffer(Blob.encode("gone 3"), "")));
                }
            }
        }
        // objects nothing tracks
        oldUntracked = external.stageBlob(s1, Blob.encode(orphanValue)).path();
        savingDovetail = external.blobPath(s1, UUID.randomUUID()) + ".saving.0a1b2c3d";
        savingPython = external.blobPath(s2, UUID.randomUUID()) + ".saving";
        elsewhere = external.blobPath("a_schema_this_server_has_not", UUID.randomUUID());
        for (String path : List.of(savingDovetail, savingPython, readme, elsewhere)) {
            external.objects().put(path, ("planted " + path).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        if (s3) {
            marker = s1 + "/";
            bucket.putObject("plant/" + store + "/" + marker, new byte[0], Map.of());
        } else {
            youngUntracked = external.blobPath(s2, UUID.randomUUID());
            external.objects().put(youngUntracked, "fresh".getBytes(StandardCharsets.UTF_8), Map.of());
            Instant old = Instant.now().minus(OLD);
            try (Stream<Path> walk = Files.walk(stage)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    if (!f.endsWith(Path.of(youngUntracked))) {
                        Files.setLastModifiedTime(f, FileTime.from(old));
                    }
                }
            }
        }
        return this;
    }

    /** The cleanup of the store, with the clock that makes this store's objects old. */
    StoreCleanup cleanup(Dovetail dj) {
        StoreCleanup cleanup = new StoreCleanup(dj.connection(), dj.store(store));
        return s3 ? cleanup.withClock(Clock.offset(Clock.systemUTC(), OBJECT_CLOCK_SHIFT)) : cleanup;
    }
}
