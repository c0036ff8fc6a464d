package org.dovetail.ops.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.spi.ObjectStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the migration asks the S3 server for, seen through a recording proxy in front of the test
 * server: the plan lists each store's schema folder once and nothing else of the bucket, a run
 * lists nothing and reads each object once, and a run refused for a missing object keeps what it
 * read, so the next run reads only that object.
 */
@DovetailTest
class LegacyMigrationRequestsIT {
    private static final StoreMap DEFAULT_MAP = StoreMap.parse(List.of());
    private static TestDatabase db;
    private static TestS3 s3;
    private static Path local;
    private static RecordingProxy proxy;

    @BeforeAll
    static void setUp(TestDatabase database, TestS3 bucket) throws Exception {
        db = database;
        s3 = bucket;
        local = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "legacy-requests-");
        proxy = new RecordingProxy();
    }

    @AfterAll
    static void tearDown() {
        proxy.close();
    }

    /** The fixture's stores, the S3 ones reached through the proxy. */
    private static Config proxied(Config config) {
        Config.Builder b = config.toBuilder();
        for (String name : List.of("external", "shared")) {
            b.store(config.store(name).withProxyServer(proxy.url()));
        }
        return b.build();
    }

    private static List<String> lists() {
        return proxy.requests().stream().filter(r -> r.startsWith("GET /" + s3.bucket() + "?")).toList();
    }

    private static List<String> objectReads(String location, String schema) {
        return proxy.requests().stream().filter(r -> r.startsWith("GET /" + s3.bucket() + "/" + location + "/" + schema + "/")).toList();
    }

    private static long distinct(Dovetail conn, String schema, String table, String column) {
        return conn.connection().queryValue("SELECT COUNT(DISTINCT `" + column + "`) FROM `" + schema + "`.`" + table + "`", Long.class).orElseThrow();
    }

    @Test
    void thePlanListsEachStoreFolderOfTheSchemaOnce() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "plan_lists", local);
        // Other schemas' objects in the same locations, one of them a schema whose name starts with this one's.
        for (String other : List.of(fixture.schema + "_old", "lab_other")) {
            s3.putObject("maps/" + other + "/" + "x".repeat(43) + "shared", new byte[] {1}, Map.of());
            s3.putObject("store/" + other + "/" + "y".repeat(43), new byte[] {2}, Map.of());
        }
        try (Dovetail conn = Dovetail.connect(proxied(fixture.config))) {
            proxy.clear();
            MigrationPlan plan = new LegacyMigration(conn, DEFAULT_MAP).plan(fixture.schema);
            assertThat(plan.columns()).allMatch(c -> c.missingCount() == 0);
            // a.blob_share and b.blob_share share the store `shared`: its folder is listed once.
            assertThat(lists()).hasSize(2).allMatch(r -> r.contains("list-type=2"))
                    .anyMatch(r -> r.contains("prefix=store%2F" + fixture.schema + "%2F"))
                    .anyMatch(r -> r.contains("prefix=maps%2F" + fixture.schema + "%2F"));
            assertThat(proxy.requests()).noneMatch(r -> r.startsWith("GET /" + s3.bucket() + "/"));
        }
    }

    @Test
    void aRunListsNothingAndReadsEachObjectOnce() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "run_reads", local);
        try (Dovetail conn = Dovetail.connect(proxied(fixture.config))) {
            long inStore = distinct(conn, fixture.schema, "a", "blob_external");
            long inMaps = conn.connection().queryValue("SELECT COUNT(*) FROM (SELECT blob_share FROM `" + fixture.schema + "`.`a` UNION SELECT blob_share FROM `"
                    + fixture.schema + "`.`b`) u", Long.class).orElseThrow();
            proxy.clear();
            RunReport run = new LegacyMigration(conn, DEFAULT_MAP).run(fixture.schema, false);
            assertThat(run.complete()).isTrue();
            assertThat(lists()).isEmpty();
            List<String> store = objectReads("store", fixture.schema);
            List<String> maps = objectReads("maps", fixture.schema);
            assertThat(store).hasSize((int) inStore).doesNotHaveDuplicates();
            assertThat(maps).hasSize((int) inMaps).doesNotHaveDuplicates();
            assertThat(new LegacyMigration(conn, DEFAULT_MAP).verify(fixture.schema).passed()).isTrue();
        }
    }

    @Test
    void aRunRefusedForAMissingObjectKeepsWhatItReadAndTheNextReadsOnlyThatObject() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "refused", local);
        try (Dovetail conn = Dovetail.connect(proxied(fixture.config));
             ObjectStore store = ObjectStore.open(fixture.config.store("external"))) {
            String schema = fixture.schema;
            long objects = distinct(conn, schema, "a", "blob_external");
            String gone = conn.connection().query("SELECT blob_external FROM `" + schema + "`.`a` ORDER BY id", r -> r.getString(1)).get(0);
            byte[] content = store.read(schema + "/" + gone);
            store.delete(schema + "/" + gone);

            RunReport refused = new LegacyMigration(conn, DEFAULT_MAP).run(schema, false);
            RunReport.ColumnResult first = refused.columns().stream().filter(c -> c.column().equals("blob_external")).findFirst().orElseThrow();
            assertThat(first.outcome()).isEqualTo(RunReport.Outcome.NOT_MIGRATED);
            assertThat(first.reason()).startsWith("1 object(s) are missing from store `external`, e.g. " + gone
                    + " (s3://" + s3.bucket() + "/store/" + schema + "/" + gone + ")");
            assertThat(first.objectsHashed()).isEqualTo(objects - 1);
            assertThat(first.objectsMissing()).isOne();
            assertThat(LegacyCatalog.legacyColumns(conn.connection(), schema)).extracting(LegacyColumn::column).contains("blob_external");
            assertThat(LegacyCatalog.tableExists(conn.connection(), schema, "~external_external")).isFalse();

            s3.putObject("store/" + schema + "/" + gone, content, Map.of());
            proxy.clear();
            RunReport resumed = new LegacyMigration(conn, DEFAULT_MAP).run(schema, false);
            assertThat(resumed.complete()).isTrue();
            RunReport.ColumnResult again = resumed.columns().stream().filter(c -> c.column().equals("blob_external")).findFirst().orElseThrow();
            assertThat(again.outcome()).isEqualTo(RunReport.Outcome.MIGRATED);
            assertThat(again.objectsHashed()).isOne();
            assertThat(objectReads("store", schema)).containsExactly("GET /" + s3.bucket() + "/store/" + schema + "/" + gone);
            assertThat(new LegacyMigration(conn, DEFAULT_MAP).verify(schema).passed()).isTrue();
        }
    }
}
