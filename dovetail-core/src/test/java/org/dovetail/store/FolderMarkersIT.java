package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dovetail.Dovetail;
import org.dovetail.TestConfigs;
import org.dovetail.config.Config;
import org.dovetail.config.StoreSpec;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Tier;
import org.dovetail.store.VerifyReport.Kind;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.FilesystemS3;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Folder markers, the keys ending in {@code /} that S3 consoles and sync tools create and that
 * some servers list for every directory, are not DataJoint objects: verify counts them apart from
 * the objects, never as problems, and cleanup never touches them.
 */
@DovetailTest
class FolderMarkersIT {
    private static final String LOCATION = "lab/data";

    @TempDir
    static Path work;

    @Test
    void aCleanStoreWithAMarkerForEveryFolderVerifiesCleanInMemory(TestDatabase db, TestS3 s3) throws Exception {
        verifiesCleanWithAMarkerForEveryFolder(db, s3, db.schema("in_memory"));
    }

    @Test
    void aCleanStoreWithAMarkerForEveryFolderVerifiesCleanOnTheFilesystemBackend(TestDatabase db, @FilesystemS3 TestS3 s3)
            throws Exception {
        verifiesCleanWithAMarkerForEveryFolder(db, s3, db.schema("on_disk"));
    }

    private static void verifiesCleanWithAMarkerForEveryFolder(TestDatabase db, TestS3 s3, String schema) throws Exception {
        try (Dovetail conn = Dovetail.connect(config(db, s3))) {
            insertRecordings(conn, schema, 3);
            try (ExternalStore store = ExternalStore.open(conn.connection(), "bucket")) {
                VerifyReport unmarked = new StoreVerifier(store).verify(List.of(schema), true, r -> { });
                assertThat(unmarked.findings()).isEmpty();
                assertThat(unmarked.folderMarkers()).isZero();

                List<String> markers = markEveryFolder(s3);
                long inSchemaFolder = markers.stream().filter(m -> m.startsWith(LOCATION + "/" + schema + "/")).count();
                assertThat(inSchemaFolder).as("markers in the schema's folder: its own and two per object").isGreaterThanOrEqualTo(3);
                VerifyReport report = new StoreVerifier(store).verify(List.of(schema), true, r -> { });
                assertThat(report.findings()).isEmpty();
                assertThat(report.rowsChecked()).isEqualTo(6);
                assertThat(report.objects()).isEqualTo(6);
                assertThat(report.folderMarkers()).isEqualTo(inSchemaFolder);
            }
            assertThat(conn.schema(schema).table("Recording").downloadTo(work.resolve(schema + "-downloads")).fetch()).hasSize(3);
        }
    }

    @Test
    void zeroByteMarkersAreNeitherProblemsNorCleanupCandidatesWhileAStrayObjectIsStillFound(TestDatabase db, TestS3 s3) throws Exception {
        String schema = db.schema("cleaned");
        try (Dovetail conn = Dovetail.connect(config(db, s3))) {
            insertRecordings(conn, schema, 2);
            String folder = LOCATION + "/" + schema + "/";
            s3.putObject(folder, new byte[0], Map.of());
            s3.putObject(folder + "notes/", new byte[0], Map.of());
            s3.putObject(folder + "03/", new byte[0], Map.of());
            s3.putObject(folder + "zz/zz/stray", "nobody tracks me".getBytes(), Map.of());
            try (ExternalStore store = ExternalStore.open(conn.connection(), "bucket")) {
                StoreVerifier verifier = new StoreVerifier(store);
                VerifyReport report = verifier.verify(List.of(schema), false, r -> { });
                assertThat(report.findings()).extracting(VerifyReport.Finding::kind).containsExactly(Kind.UNTRACKED);
                assertThat(report.findings().get(0).path()).endsWith("/zz/zz/stray");
                assertThat(report.folderMarkers()).isEqualTo(3);
                assertThat(report.objects()).isEqualTo(5);

                conn.connection().execute("DELETE FROM `" + schema + "`.`recording`");
                conn.connection().execute("UPDATE `" + schema + "`.`~external_bucket` SET timestamp = NOW() - INTERVAL 2 HOUR");
                UnusedObjects gc = new UnusedObjects(store);
                UnusedPlan plan = gc.plan(schema, Duration.ofHours(1));
                assertThat(plan.rows()).hasSize(4);
                CleanupReport cleanup = gc.apply(plan, true);
                assertThat(cleanup.objectsDeleted()).isEqualTo(4);
                assertThat(cleanup.failures()).isEmpty();
                assertThat(keys(s3, folder)).containsExactly(folder, folder + "03/", folder + "notes/", folder + "zz/zz/stray");
                VerifyReport after = verifier.verify(List.of(schema), false, r -> { });
                assertThat(after.rowsChecked()).isZero();
                assertThat(after.objects()).isOne();
                assertThat(after.folderMarkers()).isEqualTo(3);
            }
        }
    }

    private static Config config(TestDatabase db, TestS3 s3) {
        StoreSpec bucket = new StoreSpec("bucket", StoreSpec.Protocol.S3, LOCATION, s3.hostAndPort(), s3.bucket(), s3.accessKey(),
                s3.secretKey(), false, null, StoreSpec.DEFAULT_SUBFOLDING, null);
        return TestConfigs.builder(db).store(bucket).build();
    }

    /** A table with an external blob and an attachment, and {@code rows} rows of distinct values. */
    private static void insertRecordings(Dovetail conn, String schema, int rows) throws Exception {
        Schema s = conn.createSchema(schema);
        s.declare(Tier.MANUAL, "Recording", "rec : int\n---\nsignal : blob@bucket\nnotes : attach@bucket\n");
        List<Map<String, Object>> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Path notes = Files.writeString(Files.createDirectories(work.resolve(schema + "-" + i)).resolve("notes.txt"), "trial " + i);
            values.add(Map.of("rec", i, "signal", new double[] {i, i + 0.5}, "notes", notes));
        }
        s.table("Recording").insert(values);
    }

    /** Puts a zero-byte marker for every folder of every key, as sync tools mirroring a directory tree do; returns them. */
    private static List<String> markEveryFolder(TestS3 s3) {
        TreeSet<String> folders = new TreeSet<>();
        for (String key : keys(s3, "")) {
            for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
                folders.add(key.substring(0, slash + 1));
            }
        }
        folders.forEach(folder -> s3.putObject(folder, new byte[0], Map.of()));
        return List.copyOf(folders);
    }

    private static List<String> keys(TestS3 s3, String prefix) {
        try (S3Client client = FixtureStores.client(s3)) {
            return client.listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix)).contents().stream().map(S3Object::key).toList();
        }
    }
}
