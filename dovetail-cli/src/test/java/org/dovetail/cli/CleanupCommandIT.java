package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.TableName;
import org.dovetail.blob.Blob;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.ops.OperationLock;
import org.dovetail.schema.Schema;
import org.dovetail.schema.Table;
import org.dovetail.schema.Tier;
import org.dovetail.store.ExternalStore;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail cleanup}: plan, the rails' exit code 3, apply from a plan file, quarantine, rows and history, as cron runs them. */
@DovetailTest
class CleanupCommandIT {
    @TempDir
    Path work;

    private Path config(TestDatabase db, String store, Path location) throws Exception {
        return Files.writeString(work.resolve(store + ".json"), """
                {"database.host": "%s", "database.port": %d, "database.user": "%s", "database.password": "%s",
                 "stores": {"%s": {"protocol": "file", "location": "%s"}},
                 "custom": {"database.audit_schema": "%s"}}
                """.formatted(db.host(), db.port(), db.user(), db.password(), store, location, db.schema("audit")));
    }

    private static Result run(Path config, String... args) {
        String[] all = Stream.concat(Stream.of("--config", config.toString()), Stream.of(args)).toArray(String[]::new);
        return CommandRun.run(Map.of(), all);
    }

    /** A schema with 10 live values, 2 deleted ones (tracking rows 30 days old) and one old untracked object. */
    private static String plant(Path config, TestDatabase db, String store, Path location) throws Exception {
        String schema = db.schema(store);
        try (Dovetail dj = Dovetail.connect(Config.load(config, Map.of()))) {
            Schema s = dj.createSchema(schema);
            Table live = s.declare(Tier.MANUAL, "Live", "id : int\n---\nv : blob@" + store);
            Table gone = s.declare(Tier.MANUAL, "Gone", "id : int\n---\nv : blob@" + store);
            for (int i = 0; i < 10; i++) {
                live.insert1(Map.of("id", i, "v", "live " + i));
            }
            gone.insert1(Map.of("id", 1, "v", "gone 1"));
            gone.insert1(Map.of("id", 2, "v", "gone 2"));
            gone.deleteQuick();
            dj.connection().execute("UPDATE " + ExternalStore.trackingTable(schema, store).quoted() + " SET timestamp = NOW() - INTERVAL 30 DAY");
            ExternalStore external = dj.store(store);
            external.objects().put(external.blobPath(schema, UUID.randomUUID()), "nobody".getBytes(StandardCharsets.UTF_8), Map.of());
        }
        try (Stream<Path> files = Files.walk(location)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
            }
        }
        return schema;
    }

    @Test
    void planRefuseApplyFromAPlanFileQuarantineAndHistory(TestDatabase db) throws Exception {
        Path location = Files.createDirectories(work.resolve("objects"));
        Path config = config(db, "clicl", location);
        String schema = plant(config, db, "clicl", location);

        Result refused = run(config, "cleanup", "objects", "plan", "--store", "clicl");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(3);
        assertThat(refused.out()).contains("Refused by rule max-fraction: the plan would move 3 of 13 objects");
        assertThat(refused.err()).startsWith("dovetail: cleanup objects plan clicl: 2 rows to delete, 3 objects").endsWith("; REFUSED\n");

        Result json = run(config, "cleanup", "objects", "plan", "--store", "clicl", "--max-fraction", "0.3", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        Path planFile = Files.writeString(work.resolve("plan.json"), json.out());
        assertThat(json.json().get("quarantine").asInt()).isEqualTo(3);

        Result unconfirmed = run(config, "cleanup", "objects", "apply", planFile.toString());
        assertThat(unconfirmed.code()).isEqualTo(3);
        assertThat(unconfirmed.err()).contains("nothing changed: run again with --yes to delete 2 tracking rows and quarantine 3 objects");

        try (Connection other = Connection.open(Config.load(config, Map.of()));
             OperationLock held = OperationLock.acquire(other, "cleanup", json.json().get("scope").asText())) {
            Result locked = run(config, "cleanup", "objects", "apply", planFile.toString(), "--yes");
            assertThat(locked.code()).isEqualTo(3);
            assertThat(locked.err()).contains("Another cleanup run on ").endsWith("[LOCKED]\n");
            assertThat(held.held()).isTrue();
        }

        Result applied = run(config, "cleanup", "objects", "apply", planFile.toString(), "--yes");
        assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.err()).isEqualTo("dovetail: cleanup apply clicl: 2 tracking rows deleted, 3 objects (" + json.json().get("quarantineBytes")
                + " bytes) moved to _dovetail_quarantine/" + LocalDate.now(ZoneOffset.UTC) + "/, 0 left alone, 0 failed\n");

        Result listed = run(config, "cleanup", "quarantine", "list", "--store", "clicl", "--format", "json");
        assertThat(listed.json().get("count").asInt()).isEqualTo(3);
        Result restored = run(config, "cleanup", "quarantine", "restore", "--store", "clicl", schema + "/", "--yes");
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.err()).startsWith("dovetail: quarantine of clicl: 3 objects restored");

        Result expired = run(config, "cleanup", "objects", "plan", "--store", "clicl", "--max-fraction", "1", "--valid-for", "0", "--format", "json");
        Path stale = Files.writeString(work.resolve("stale.json"), expired.out());
        Result staleApply = run(config, "cleanup", "objects", "apply", stale.toString(), "--yes");
        assertThat(staleApply.code()).isEqualTo(3);
        assertThat(staleApply.err()).contains("is stale: it expired at").endsWith("[STALE_PLAN]\n");

        Result history = run(config, "cleanup", "history", "--format", "json");
        assertThat(history.code()).isZero();
        JsonNode entries = history.json();
        assertThat(entries.get(0).get("action").asText()).startsWith("quarantine restore --store clicl");
        assertThat(entries.get(0).get("objects").asInt()).isEqualTo(3);
        assertThat(entries.get(1).get("action").asText()).startsWith("objects --store clicl --min-age 7d --max-fraction 0.3");
        assertThat(entries.get(1).get("rows").asInt()).isEqualTo(2);
        assertThat(entries.get(1).get("bytes").asLong()).isEqualTo(json.json().get("quarantineBytes").asLong());
    }

    @Test
    void anEmptyReferencedSetIsRefusedWithExitCode3(TestDatabase db) throws Exception {
        Path location = Files.createDirectories(work.resolve("unreferenced"));
        Path config = config(db, "cliempty", location);
        String schema = db.schema("cliempty");
        try (Dovetail dj = Dovetail.connect(Config.load(config, Map.of()))) {
            dj.connection().execute("CREATE DATABASE " + TableName.quote(schema));
            dj.store("cliempty").putBlob(schema, Blob.encode("tracked, referenced by nothing"));
            dj.connection().execute("UPDATE " + ExternalStore.trackingTable(schema, "cliempty").quoted() + " SET timestamp = NOW() - INTERVAL 30 DAY");
        }
        Result plan = run(config, "cleanup", "objects", "apply", "--store", "cliempty", "--max-fraction", "1", "--yes");
        assertThat(plan.code()).isEqualTo(3);
        assertThat(plan.err()).contains("Refused by rule empty-referenced-set").endsWith("[REFUSED]\n");
    }

    @Test
    void rowsPlanAndApply(TestDatabase db) throws Exception {
        Path location = Files.createDirectories(work.resolve("rows"));
        Path config = config(db, "clirows", location);
        String schema = db.schema("clirows");
        try (Dovetail dj = Dovetail.connect(Config.load(config, Map.of()))) {
            Schema s = dj.createSchema(schema);
            Table note = s.declare(Tier.MANUAL, "Note", "note_id : int\n---\nentered = CURRENT_TIMESTAMP : timestamp\n");
            Table use = s.declare(Tier.MANUAL, "NoteUse", "-> Note\n");
            note.insert(List.of(Map.of("note_id", 1), Map.of("note_id", 2), Map.of("note_id", 3)));
            use.insert1(Map.of("note_id", 1));
            dj.connection().execute("UPDATE " + note.fullName() + " SET entered = NOW() - INTERVAL 30 DAY WHERE note_id < 3");
        }
        Result plan = run(config, "cleanup", "rows", "plan", schema + ".Note");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("note_id=2\n", "Would delete 1 rows of 3.");
        Result apply = run(config, "cleanup", "rows", "apply", schema + ".Note", "--yes");
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.err()).isEqualTo("dovetail: cleanup rows apply " + "`" + schema + "`.`note`" + ": 1 rows deleted, 0 kept (referenced or refreshed since planning)\n");
    }
}
