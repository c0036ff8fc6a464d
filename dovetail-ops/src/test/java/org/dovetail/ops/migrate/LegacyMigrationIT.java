package org.dovetail.ops.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.blob.BlobJson;
import org.dovetail.hash.ContentHash;
import org.dovetail.hash.UuidBytes;
import org.dovetail.ops.AuditLog;
import org.dovetail.query.Top;
import org.dovetail.store.ExternalStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The legacy package of DataJoint 0.11.1, planned, migrated, verified and finalized; killed runs; concurrent runs. */
@DovetailTest
class LegacyMigrationIT {
    private static TestDatabase db;
    private static TestS3 s3;
    private static Path local;
    private static final StoreMap DEFAULT_MAP = StoreMap.parse(List.of());

    @BeforeAll
    static void setUp(TestDatabase database, TestS3 bucket) throws Exception {
        db = database;
        s3 = bucket;
        local = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "legacy-local-");
    }

    private static Dovetail connect(LegacyFixture fixture) {
        return Dovetail.connect(fixture.config);
    }

    @Test
    void thePlanReportsEveryLegacyColumnAndChangesNothing() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "plan", local);
        try (Dovetail conn = connect(fixture)) {
            String before = showCreate(conn, fixture.schema, "a") + showCreate(conn, fixture.schema, "b");
            MigrationPlan plan = new LegacyMigration(conn, DEFAULT_MAP).plan(fixture.schema);
            assertThat(plan.columns()).extracting(c -> c.column().label() + " " + c.column().legacyStore() + " -> " + c.store())
                    .containsExactly("`a`.`blob_external` external -> external", "`a`.`blob_share` external-shared -> shared",
                            "`b`.`blob_local` external-local -> local", "`b`.`blob_share` external-shared -> shared");
            for (ColumnPlan c : plan.columns()) {
                assertThat(c.rows()).isEqualTo(4);
                assertThat(c.nulls()).isZero();
                assertThat(c.missingCount()).isZero();
                assertThat(c.ready()).isTrue();
                assertThat(c.phase()).isEqualTo("planned");
                assertThat(c.objects()).isBetween(1L, 4L);
                assertThat(c.bytes()).isPositive();
                assertThat(c.statements()).anyMatch(s -> s.startsWith("ALTER TABLE `" + fixture.schema + "`.`" + c.column().table()
                        + "` DROP FOREIGN KEY"));
            }
            assertThat(plan.legacyTable()).isTrue();
            assertThat(plan.done()).isFalse();
            assertThat(showCreate(conn, fixture.schema, "a") + showCreate(conn, fixture.schema, "b")).isEqualTo(before);
            assertThat(LegacyCatalog.tableExists(conn.connection(), fixture.schema, MigrationLedger.COLUMNS)).isFalse();
        }
    }

    @Test
    void runMigratesToWhatDataJointReadsAndASecondRunIsANoOp() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "run", local);
        try (Dovetail conn = connect(fixture)) {
            LegacyMigration migration = new LegacyMigration(conn, DEFAULT_MAP);
            RunReport report = migration.run(fixture.schema, false);
            assertThat(report.complete()).isTrue();
            assertThat(report.columns()).allMatch(c -> c.outcome() == RunReport.Outcome.MIGRATED);
            assertMigratedLikeUpstream(conn, fixture.schema);
            assertValuesAreThoseDataJointWrote(conn, fixture.schema);

            RunReport again = migration.run(fixture.schema, false);
            assertThat(again.columns()).allMatch(c -> c.outcome() == RunReport.Outcome.ALREADY_MIGRATED);
            assertThat(migration.plan(fixture.schema).done()).isTrue();

            MigrationCheck check = migration.verify(fixture.schema);
            assertThat(check.passed()).as(check.problems() + " " + check.remaining()).isTrue();
            assertThat(check.references()).isEqualTo(16);
            assertThat(migration.finalizeSchema(fixture.schema)).isTrue();
            assertThat(LegacyCatalog.tableExists(conn.connection(), fixture.schema, "~external")).isFalse();
            assertThat(migration.finalizeSchema(fixture.schema)).isFalse();
            assertValuesAreThoseDataJointWrote(conn, fixture.schema);
            // The second run had nothing to do and the second finalize found nothing to drop: neither is an apply.
            assertThat(records(conn, fixture.schema)).extracting(AuditLog.Entry::action, AuditLog.Entry::outcome).containsExactly(
                    tuple("legacy-external finalize " + fixture.schema, "OK"), tuple("legacy-external run " + fixture.schema, "OK"));
            assertThat(records(conn, fixture.schema).get(1).report().get(0).get("columns")).hasSize(4);
        }
    }

    @Test
    void relocateMovesMigratedBlobsToTheLayoutDataJointWritesToday() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "reloc", local);
        try (Dovetail conn = connect(fixture)) {
            LegacyMigration migration = new LegacyMigration(conn, DEFAULT_MAP);
            assertThat(migration.run(fixture.schema, false).complete()).isTrue();
            RelocateReport report = migration.relocate(fixture.schema, true);
            assertThat(report.objectsCopied() + report.objectsInPlace()).isEqualTo(report.oldRows());
            assertThat(report.references()).isEqualTo(16);
            assertThat(report.skipped()).isZero();

            JsonNode expected = LegacyFixture.json("expected.json");
            for (String table : List.of("A", "B")) {
                for (JsonNode row : expected.get("tables").get(table).get("rows")) {
                    for (var field : iterable(row.get("stored").properties().iterator())) {
                        String store = new StoreMap(Map.of()).target(field.getValue().get("store").asText());
                        UUID md5 = UUID.fromString(field.getValue().get("md5").asText());
                        byte[] ref = conn.connection().query("SELECT `" + field.getKey() + "` FROM `" + fixture.schema + "`.`" + table.toLowerCase()
                                + "` WHERE id = ?", r -> r.getBytes(1), row.get("key").get("id").asInt()).get(0);
                        // The reference is now the blob's own hash, as DataJoint would have written it.
                        assertThat(UuidBytes.fromBytes(ref)).isEqualTo(md5);
                        ExternalStore external = conn.store(store);
                        var tracked = external.trackingRow(fixture.schema, md5).orElseThrow();
                        assertThat(tracked.filepath()).isNull();
                        assertThat(external.objects().stat(external.blobPath(fixture.schema, md5))).isPresent();
                        assertThat(external.objects().stat(fixture.schema + "/" + field.getValue().get("legacy_hash").asText())).isEmpty();
                    }
                }
            }
            assertValuesAreThoseDataJointWrote(conn, fixture.schema);
            assertThat(migration.verify(fixture.schema).passed()).isTrue();
            RelocateReport again = migration.relocate(fixture.schema, true);
            assertThat(again.objectsCopied()).isZero();
            assertThat(again.references()).isZero();
            assertThat(migration.finalizeSchema(fixture.schema)).isTrue();
        }
    }

    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"objects", "references", "swapped"})
    void aRunKilledAfterAnyPhaseResumesToTheSameResult(String phase) throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "kill_" + phase.charAt(0), local);
        try (Dovetail conn = connect(fixture)) {
            int[] seen = {0};
            LegacyMigration killed = new LegacyMigration(conn, DEFAULT_MAP, (column, reached) -> {
                if (reached.equals(phase) && ++seen[0] == 2) {
                    throw new IllegalStateException("killed after " + reached + " of " + column.label());
                }
            });
            assertThatThrownBy(() -> killed.run(fixture.schema, false)).hasMessageStartingWith("killed after " + phase);
            assertThat(records(conn, fixture.schema)).singleElement().satisfies(e -> {
                assertThat(e.outcome()).isEqualTo("FAILED");
                assertThat(e.report().get("error").asText()).startsWith("killed after " + phase);
            });
            MigrationPlan halfway = new LegacyMigration(conn, DEFAULT_MAP).plan(fixture.schema);
            assertThat(halfway.done()).isFalse();
            RunReport resumed = new LegacyMigration(conn, DEFAULT_MAP).run(fixture.schema, false);
            assertThat(resumed.complete()).isTrue();
            assertMigratedLikeUpstream(conn, fixture.schema);
            assertValuesAreThoseDataJointWrote(conn, fixture.schema);
            assertThat(new LegacyMigration(conn, DEFAULT_MAP).verify(fixture.schema).passed()).isTrue();
        }
    }

    @Test
    void twoRunsCannotProceedAtOnce() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "locked", local);
        try (Dovetail first = connect(fixture); Dovetail second = connect(fixture)) {
            MigrationLedger running = new MigrationLedger(first.connection(), fixture.schema);
            running.lock();
            assertThatThrownBy(() -> new LegacyMigration(second, DEFAULT_MAP).run(fixture.schema, false, true))
                    .isInstanceOf(DovetailException.class)
                    .hasMessageContaining("Another migrate run on " + fixture.schema + " holds the lock dovetail.migrate." + fixture.schema
                            + " (connection id " + first.connection().connectionId() + ")")
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.LOCKED);
            assertThatThrownBy(() -> new LegacyMigration(second, DEFAULT_MAP).relocate(fixture.schema, false))
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.LOCKED);
            assertThat(LegacyCatalog.legacyColumns(second.connection(), fixture.schema)).hasSize(4);
            assertThat(records(second, fixture.schema)).as("a refused run writes no record").isEmpty();
            running.unlock();
            assertThat(new LegacyMigration(second, DEFAULT_MAP).run(fixture.schema, false, true).complete()).isTrue();
            assertThat(records(second, fixture.schema)).extracting(AuditLog.Entry::outcome).containsExactly("OK");
        }
    }

    @Test
    void finalizeRefusesAPlanMadeBeforeSomethingStartedReferringToTheLegacyTable() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "stale", local);
        try (Dovetail conn = connect(fixture)) {
            LegacyMigration migration = new LegacyMigration(conn, DEFAULT_MAP);
            assertThat(migration.run(fixture.schema, false).complete()).isTrue();
            FinalizePlan plan = migration.finalizePlan(fixture.schema);
            assertThat(plan.refusal()).isEmpty();
            assertThat(plan.toText()).isEqualTo("would drop `" + fixture.schema + "`.`~external` (verify passes)\n");
            conn.connection().execute("CREATE TABLE `" + fixture.schema + "`.`late` (hash char(51) NOT NULL, FOREIGN KEY (hash)"
                    + " REFERENCES `" + fixture.schema + "`.`~external` (hash)) ENGINE=InnoDB");
            assertThatThrownBy(() -> migration.finalizeSchema(plan)).hasMessageContaining("is stale")
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.STALE_PLAN);
            assertThat(LegacyCatalog.tableExists(conn.connection(), fixture.schema, "~external")).isTrue();
            FinalizePlan again = migration.finalizePlan(fixture.schema);
            assertThat(again.refusal()).hasValueSatisfying(r -> assertThat(r).contains("is still referenced by [" + fixture.schema + ".late.hash]"));
            assertThatThrownBy(() -> migration.finalizeSchema(again))
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED);
            conn.connection().execute("DROP TABLE `" + fixture.schema + "`.`late`");
            assertThat(migration.finalizeSchema(migration.finalizePlan(fixture.schema)).dropped()).isTrue();
            assertThat(records(conn, fixture.schema)).extracting(AuditLog.Entry::action)
                    .containsExactly("legacy-external finalize " + fixture.schema, "legacy-external run " + fixture.schema);
        }
    }

    /** The audit records of a schema's migration, newest first. */
    private static List<AuditLog.Entry> records(Dovetail conn, String schema) {
        return AuditLog.on(conn.connection()).history(1000).stream()
                .filter(e -> e.operation().equals("migrate") && e.scope().equals(schema)).toList();
    }

    @Test
    void otherSessionsOnTheSchemaStopTheRun() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "busy", local);
        try (Dovetail conn = connect(fixture); var client = java.sql.DriverManager.getConnection(
                db.jdbcUrl() + fixture.schema, db.user(), db.password())) {
            assertThat(client.isValid(2)).isTrue();
            assertThatThrownBy(() -> new LegacyMigration(conn, DEFAULT_MAP).run(fixture.schema, false))
                    .hasMessageContaining("Other sessions are using schema")
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.REFUSED);
            assertThat(LegacyCatalog.legacyColumns(conn.connection(), fixture.schema)).hasSize(4);
        }
    }

    @Test
    void nullsColonsAndMissingObjectsAreHandledAndReportedPrecisely() throws Exception {
        LegacyFixture fixture = LegacyFixture.load(db, s3, "messy", local);
        try (Dovetail conn = connect(fixture)) {
            String s = fixture.schema;
            // A nullable external-local column with a NULL, a comment with colons, and one object deleted from the store.
            conn.connection().execute("CREATE TABLE `" + s + "`.`c` (id INT NOT NULL, note_blob char(51) DEFAULT NULL COMMENT"
                    + " ':external-local:note: raw at 30 kHz: ok', PRIMARY KEY (id), KEY note_blob (note_blob),"
                    + " FOREIGN KEY (note_blob) REFERENCES `" + s + "`.`~external` (hash)) ENGINE=InnoDB");
            List<String> localHashes = conn.connection().query("SELECT hash FROM `" + s + "`.`~external` WHERE hash LIKE '%local' ORDER BY hash",
                    r -> r.getString(1));
            conn.connection().execute("INSERT INTO `" + s + "`.`c` VALUES (1, ?), (2, NULL), (3, ?)", localHashes.get(0), localHashes.get(1));
            Files.delete(fixture.local.resolve(s + "/" + localHashes.get(1)));

            MigrationPlan plan = new LegacyMigration(conn, DEFAULT_MAP).plan(s);
            ColumnPlan c = plan.columns().stream().filter(p -> p.column().table().equals("c")).findFirst().orElseThrow();
            assertThat(c.column().legacyStore()).isEqualTo("external-local");
            assertThat(c.column().comment()).isEqualTo("note: raw at 30 kHz: ok");
            assertThat(c.nulls()).isOne();
            assertThat(c.missingCount()).isOne();
            assertThat(c.missing().get(0)).contains(localHashes.get(1));

            RunReport partial = new LegacyMigration(conn, DEFAULT_MAP).run(s, false);
            RunReport.ColumnResult cr = partial.columns().stream().filter(r -> r.table().equals("c")).findFirst().orElseThrow();
            assertThat(cr.outcome()).isEqualTo(RunReport.Outcome.NOT_MIGRATED);
            assertThat(cr.reason()).contains("missing from store `local`").contains(localHashes.get(1));
            assertThat(partial.complete()).isFalse();
            // The column is untouched: its legacy values are all still there.
            assertThat(conn.connection().query("SELECT note_blob FROM `" + s + "`.`c` ORDER BY id", r -> String.valueOf(r.getString(1))))
                    .containsExactly(localHashes.get(0), "null", localHashes.get(1));
            // b.blob_local refers to the deleted object too: it is left alone as well.
            assertThat(new LegacyMigration(conn, DEFAULT_MAP).verify(s).remaining())
                    .containsExactlyInAnyOrder("`b`.`blob_local` is still of legacy type external-local",
                            "`c`.`note_blob` is still of legacy type external-local");
            assertThatThrownBy(() -> new LegacyMigration(conn, DEFAULT_MAP).finalizeSchema(s)).hasMessageContaining("not ready");

            RunReport accepted = new LegacyMigration(conn, DEFAULT_MAP).run(s, true);
            assertThat(accepted.complete()).isTrue();
            assertThat(showCreate(conn, s, "c")).contains("`note_blob` binary(16) DEFAULT NULL COMMENT ':blob@local:note: raw at 30 kHz: ok'");
            List<String> values = conn.connection().query("SELECT note_blob FROM `" + s + "`.`c` ORDER BY id",
                    r -> r.getBytes(1) == null ? "null" : UuidBytes.fromBytes(r.getBytes(1)).toString());
            assertThat(values).containsExactly(ContentHash.uuidFromBuffer(new byte[0], s + "/" + localHashes.get(0)).toString(), "null",
                    ContentHash.uuidFromBuffer(new byte[0], s + "/" + localHashes.get(1)).toString());
            MigrationCheck check = new LegacyMigration(conn, DEFAULT_MAP).verify(s);
            assertThat(check.problems()).hasSize(2).allMatch(p -> p.contains("is missing") && p.contains(localHashes.get(1)))
                    .anyMatch(p -> p.startsWith("`c`.`note_blob`")).anyMatch(p -> p.startsWith("`b`.`blob_local`"));
        }
    }

    // ------------------------------------------------------------------ expectations

    /** SHOW CREATE TABLE as the upstream migration left it, but for our kept NOT NULL (docs/compatibility.md). */
    private static void assertMigratedLikeUpstream(Dovetail conn, String schema) {
        JsonNode migrated = LegacyFixture.json("migrated-ddl.json");
        for (String table : List.of("A", "B")) {
            String ours = showCreate(conn, schema, table.toLowerCase());
            String upstream = migrated.get("tables").get(table).get("show_create_table").asText();
            assertThat(ours.replace("binary(16) NOT NULL COMMENT ':blob@", "binary(16) DEFAULT NULL COMMENT ':blob@"))
                    .as(table).isEqualTo(upstream);
        }
        for (String store : List.of("external", "shared", "local")) {
            String tracking = "~external_" + store;
            assertThat(showCreate(conn, schema, tracking)).isEqualTo(migrated.get("tables").get(tracking).get("show_create_table").asText());
            Map<String, String> ours = new TreeMap<>();
            conn.connection().query("SELECT hash, size, filepath, contents_hash, attachment_name FROM `" + schema + "`.`" + tracking + "`", r -> ours.put(
                    UuidBytes.fromBytes(r.getBytes(1)).toString(), r.getLong(2) + " " + r.getString(3) + " "
                            + UuidBytes.fromBytes(r.getBytes(4)) + " " + r.getString(5)));
            Map<String, String> want = new TreeMap<>();
            for (JsonNode row : migrated.get("external").get(store)) {
                String filepath = schema + "/" + row.get("legacy_hash").asText();
                want.put(ContentHash.uuidFromBuffer(new byte[0], filepath).toString(), row.get("size").asLong() + " " + filepath + " "
                        + row.get("contents_hash").asText() + " null");
            }
            assertThat(ours).as(store).isEqualTo(want);
        }
    }

    /** Every migrated value fetches, through the regular table fetch, to the value DataJoint 0.11 wrote. */
    private static void assertValuesAreThoseDataJointWrote(Dovetail conn, String schema) throws Exception {
        JsonNode expected = LegacyFixture.json("expected.json");
        int checked = 0;
        for (String table : List.of("A", "B")) {
            List<Map<String, Object>> rows = conn.schema(schema).freeTable(table.toLowerCase()).top(Top.orderBy("KEY")).fetch();
            JsonNode want = expected.get("tables").get(table).get("rows");
            assertThat(rows).hasSize(want.size());
            for (int r = 0; r < rows.size(); r++) {
                for (var field : iterable(want.get(r).get("values").properties().iterator())) {
                    Object value = rows.get(r).get(field.getKey());
                    if (field.getKey().equals("id")) {
                        assertThat(((Number) value).intValue()).isEqualTo(field.getValue().asInt());
                        continue;
                    }
                    assertThat(normalized(BlobJson.toJson(value))).as(table + " " + field.getKey() + " row " + r)
                            .isEqualTo(normalized(field.getValue()));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(16);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    private static JsonNode normalized(JsonNode tree) throws Exception {
        return LegacyFixture.JSON.readTree(LegacyFixture.JSON.writeValueAsString(tree));
    }

    private static String showCreate(Dovetail conn, String schema, String table) {
        return conn.connection().query("SHOW CREATE TABLE `" + schema + "`.`" + table + "`", r -> r.getString(2)).get(0);
    }

}
