package org.dovetail.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.blob.Blob;
import org.dovetail.hash.UuidBytes;
import org.dovetail.internal.store.ObjectPaths;
import org.dovetail.store.VerifyReport.Kind;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Verifying stores against their tracking tables, and removing unused rows and objects. */
@DovetailTest
class StoreMaintenanceIT {
    private static FixtureStores fixture;
    private static Dovetail connection;

    @BeforeAll
    static void load(TestDatabase db, TestS3 s3) throws Exception {
        fixture = FixtureStores.load(db, s3, "maintenance-it-");
        connection = Dovetail.connect(fixture.config);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Test
    void pythonsStoresVerifyCleanEvenDeep() {
        for (String name : List.of("fstore", "s3store")) {
            try (ExternalStore store = ExternalStore.open(connection.connection(), name)) {
                StoreVerifier verifier = new StoreVerifier(store);
                assertThat(verifier.trackedSchemas()).contains(fixture.schema);
                VerifyReport report = verifier.verify(List.of(fixture.schema), true, n -> { });
                assertThat(report.findings()).as(name).isEmpty();
                assertThat(report.rowsChecked()).isEqualTo(fixture.expected.get("external").get(name).size());
                assertThat(report.rowsChecked()).isEqualTo(verifier.rowCount(List.of(fixture.schema)));
            }
        }
    }

    @Test
    void everyKindOfDamageIsFoundAndNamed() throws Exception {
        String schema = fixture.database.schema("damaged");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            UUID missing = store.putBlob(schema, Blob.encode("to be deleted"));
            UUID truncated = store.putBlob(schema, Blob.encode("to be truncated"));
            UUID flipped = store.putBlob(schema, Blob.encode("to be flipped"));
            Path root = fixture.fileLocation;
            Files.delete(root.resolve(ObjectPaths.blob(schema, missing, store.spec().subfolding())));
            Path truncatedFile = root.resolve(ObjectPaths.blob(schema, truncated, store.spec().subfolding()));
            Files.write(truncatedFile, new byte[] {1, 2});
            Path flippedFile = root.resolve(ObjectPaths.blob(schema, flipped, store.spec().subfolding()));
            byte[] bytes = Files.readAllBytes(flippedFile);
            bytes[bytes.length - 1] ^= 1;
            Files.write(flippedFile, bytes);
            Files.createDirectories(root.resolve(schema + "/zz/zz"));
            Files.writeString(root.resolve(schema + "/zz/zz/stray"), "nobody tracks me");
            Files.writeString(root.resolve(schema + "/zz/zz/obj.saving.1234abcd"), "half");

            VerifyReport shallow = new StoreVerifier(store).verify(List.of(schema), false, n -> { });
            assertThat(shallow.counts()).containsEntry(Kind.MISSING, 1L).containsEntry(Kind.SIZE_MISMATCH, 1L)
                    .containsEntry(Kind.CONTENTS_MISMATCH, 0L).containsEntry(Kind.UNTRACKED, 1L).containsEntry(Kind.INCOMPLETE_UPLOAD, 1L);
            VerifyReport deep = new StoreVerifier(store).verify(List.of(schema), true, n -> { });
            assertThat(deep.counts()).containsEntry(Kind.CONTENTS_MISMATCH, 1L);
            VerifyReport.Finding contents = deep.findings().stream().filter(f -> f.kind() == Kind.CONTENTS_MISMATCH).findFirst().orElseThrow();
            assertThat(contents.hash()).isEqualTo(flipped);
            assertThat(contents.path()).isEqualTo(flippedFile.toString());
            assertThat(deep.findings().stream().filter(f -> f.kind() == Kind.MISSING).findFirst().orElseThrow().hash()).isEqualTo(missing);
        }
    }

    @Test
    void unusedRowsArePlannedOnlyPastTheAgeGateAndRemovedWithTheirObjects() throws Exception {
        String schema = fixture.database.schema("gc");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            UUID used = store.putBlob(schema, Blob.encode("kept: a row refers to it"));
            UUID unused = store.putBlob(schema, Blob.encode("removable"));
            connection.connection().execute("CREATE TABLE `" + schema + "`.`holder` (id INT PRIMARY KEY, v BINARY(16) NOT NULL,"
                    + " FOREIGN KEY (v) REFERENCES `" + schema + "`.`~external_fstore` (hash)) ENGINE=InnoDB");
            connection.connection().execute("INSERT INTO `" + schema + "`.`holder` VALUES (1, ?)", UuidBytes.toBytes(used));
            UnusedObjects gc = new UnusedObjects(store);

            assertThat(gc.plan(schema, Duration.ofHours(1)).rows()).isEmpty();
            connection.connection().execute("UPDATE `" + schema + "`.`~external_fstore` SET timestamp = NOW() - INTERVAL 2 HOUR");
            UnusedPlan plan = gc.plan(schema, Duration.ofHours(1));
            assertThat(plan.rows()).extracting(TrackingRow::hash).containsExactly(unused);
            assertThat(plan.bytes()).isEqualTo(Blob.encode("removable").length);
            Path object = fixture.fileLocation.resolve(ObjectPaths.blob(schema, unused, store.spec().subfolding()));
            assertThat(object).exists();

            CleanupReport report = gc.apply(plan, true);
            assertThat(report.rowsDeleted()).isOne();
            assertThat(report.objectsDeleted()).isOne();
            assertThat(report.failures()).isEmpty();
            assertThat(object).doesNotExist();
            assertThat(store.tracking(schema).row(unused)).isEmpty();
            assertThat(store.tracking(schema).row(used)).isPresent();
            assertThat(Blob.decode(store.getBlob(schema, used))).isEqualTo("kept: a row refers to it");
        }
    }

    @Test
    void aRowReferencedOrRefreshedAfterPlanningIsSkipped() throws Exception {
        String schema = fixture.database.schema("race");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "fstore")) {
            UUID a = store.putBlob(schema, Blob.encode("re-inserted after planning"));
            UUID b = store.putBlob(schema, Blob.encode("referenced after planning"));
            connection.connection().execute("CREATE TABLE `" + schema + "`.`holder` (id INT PRIMARY KEY, v BINARY(16) NOT NULL,"
                    + " FOREIGN KEY (v) REFERENCES `" + schema + "`.`~external_fstore` (hash)) ENGINE=InnoDB");
            connection.connection().execute("UPDATE `" + schema + "`.`~external_fstore` SET timestamp = NOW() - INTERVAL 2 HOUR");
            UnusedObjects gc = new UnusedObjects(store);
            UnusedPlan plan = gc.plan(schema, Duration.ofHours(1));
            assertThat(plan.rows()).hasSize(2);
            store.putBlob(schema, Blob.encode("re-inserted after planning"));          // refreshes a's timestamp
            connection.connection().execute("INSERT INTO `" + schema + "`.`holder` VALUES (1, ?)", UuidBytes.toBytes(b));
            CleanupReport report = gc.apply(plan, true);
            assertThat(report.rowsDeleted()).isZero();
            assertThat(report.skipped()).containsExactlyInAnyOrder(a, b);
            assertThat(store.getBlob(schema, a)).isNotEmpty();
            assertThat(store.getBlob(schema, b)).isNotEmpty();
        }
    }

    @Test
    void trackingPutsBackAnObjectRemovedBetweenStagingAndTracking() throws Exception {
        String schema = fixture.database.schema("putback");
        connection.connection().execute("CREATE DATABASE `" + schema + "`");
        try (ExternalStore store = ExternalStore.open(connection.connection(), "s3store")) {
            byte[] blob = Blob.encode(Map.of("trial", 1));
            StagedObject staged = store.stageBlob(schema, blob);
            store.objects().delete(staged.path());          // as a concurrent cleanup would
            store.track(schema, staged);
            assertThat(store.getBlob(schema, staged.hash())).isEqualTo(blob);
        }
    }

}
