package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.ops.OperationLock;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * One snapshot across schemas: a commit into schema B (and a row of A its foreign key needs)
 * made while A is being dumped is in neither, whichever worker dumps B, so no cross-schema
 * foreign key dangles in the restored set; a table created during the run marks the set invalid.
 */
@ConnectedTest
class BackupConsistencyIT {
    private static void schemas(Connection c, String a, String b) {
        c.execute("CREATE DATABASE `" + a + "`");
        c.execute("CREATE DATABASE `" + b + "`");
        c.execute("CREATE TABLE `" + a + "`.`parent` (id int NOT NULL PRIMARY KEY, payload longblob) ENGINE=InnoDB");
        c.execute("CREATE TABLE `" + b + "`.`child` (id int NOT NULL PRIMARY KEY, parent_id int NOT NULL,"
                + " FOREIGN KEY (parent_id) REFERENCES `" + a + "`.`parent` (id)) ENGINE=InnoDB");
        for (int i = 0; i < 20; i++) {
            c.execute("INSERT INTO `" + a + "`.`parent` VALUES (?, ?)", i, new byte[50_000]);
            c.execute("INSERT INTO `" + b + "`.`child` VALUES (?, ?)", i, i);
        }
    }

    @Test
    void aCommitIntoBWhileAIsDumpedIsNotInTheSetAndNoForeignKeyDangles(Dovetail dj, Config config, TestDatabase db) throws Exception {
        String a = db.schema("cons_a");
        String b = db.schema("cons_b");
        schemas(dj.connection(), a, b);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-consistency-");
        AtomicBoolean committed = new AtomicBoolean();
        Hooks commitDuringA = new Hooks() {
            @Override
            public void unitStarted(String schema, String table) {
                if (schema.equals(a) && committed.compareAndSet(false, true)) {
                    try (Connection other = Connection.open(config)) {
                        other.transaction(() -> {
                            other.execute("INSERT INTO `" + a + "`.`parent` VALUES (100, NULL)");
                            other.execute("INSERT INTO `" + b + "`.`child` VALUES (100, 100)");
                            return null;
                        });
                    }
                }
            }
        };
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj).withHooks(commitDuringA);
            CreateReport made = backups.create(backups.plan(BackupRequest.of(a, b), target), target);
            assertThat(committed).isTrue();
            assertThat(dj.connection().queryValue("SELECT COUNT(*) FROM `" + b + "`.`child`", Long.class)).contains(21L);
            assertThat(made.manifest().schema(b).orElseThrow().table("child").orElseThrow().rows()).isEqualTo(20);
            assertThat(made.manifest().schema(a).orElseThrow().table("parent").orElseThrow().rows()).isEqualTo(20);
            assertThat(made.manifest().snapshot().method()).isEqualTo(Snapshot.BACKUP_STAGE);
            assertThat(made.manifest().snapshot().threads()).isEqualTo(2);

            // restore B alone under another name: its foreign key points at the original A, which now has row 100 too
            String restoredA = db.schema("cons_a2");
            String restoredB = db.schema("cons_b2");
            RestoreReport restored = backups.restore(backups.plan(RestoreRequest.of(made.manifest().set()).renaming(a, restoredA)
                    .renaming(b, restoredB), target), target);
            assertThat(restored.problems()).isEmpty();
            assertThat(dj.connection().queryValue("SELECT COUNT(*) FROM `" + restoredB + "`.`child`", Long.class)).contains(20L);
            assertThat(dj.connection().queryValue("SELECT MAX(parent_id) FROM `" + restoredB + "`.`child`", Long.class)).contains(19L);
            String fk = dj.connection().queryValue("SELECT REFERENCED_TABLE_SCHEMA FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL", String.class, restoredB).orElseThrow();
            assertThat(fk).as("the cross-schema foreign key follows the renamed parent schema").isEqualTo(restoredA);
        }
    }

    @Test
    void aTableCreatedDuringTheRunMarksTheSetInvalid(Dovetail dj, TestDatabase db) throws Exception {
        String a = db.schema("ddl_a");
        String b = db.schema("ddl_b");
        schemas(dj.connection(), a, b);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-ddl-");
        AtomicBoolean created = new AtomicBoolean();
        Hooks ddl = new Hooks() {
            @Override
            public void unitStarted(String schema, String table) {
                if (created.compareAndSet(false, true)) {
                    try (Connection other = Connection.open(dj.config())) {
                        other.execute("CREATE TABLE `" + b + "`.`late` (id int PRIMARY KEY)");
                    }
                }
            }
        };
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj).withHooks(ddl);
            CreateReport made = backups.create(backups.plan(BackupRequest.of(a, b).withThreads(1), target), target);
            assertThat(made.manifest().status()).isEqualTo(Manifest.INVALID);
            assertThat(made.outcome()).isEqualTo(CreateReport.Outcome.FAILED);
            assertThat(made.manifest().notes()).anySatisfy(n -> assertThat(n).contains("`" + b + "`.`late` (created)").contains("invalid"));
            assertThat(made.manifest().snapshot().method()).isEqualTo(Snapshot.SINGLE);
            assertThat(backups.list(target).statuses()).containsExactly(made.manifest().set() + " invalid");
            RestorePlan plan = backups.plan(RestoreRequest.of(made.manifest().set()).renaming(a, a + "x").renaming(b, b + "x"), target);
            assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("does not verify").contains("the manifest says invalid"));
        }
    }

    @Test
    @SuppressWarnings("try") // the lock is held by another session for the test, not used in it
    void aSecondRunOnTheSameTargetIsRefusedAtOnceAndWritesNothing(Dovetail dj, Config config, TestDatabase db) throws Exception {
        String a = db.schema("lock_a");
        String b = db.schema("lock_b");
        schemas(dj.connection(), a, b);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-lock-");
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString()); Connection other = Connection.open(config);
             OperationLock held = OperationLock.acquire(other, Backups.OPERATION, target.description())) {
            Backups backups = new Backups(dj);
            assertThatThrownBy(() -> backups.create(backups.plan(BackupRequest.of(a, b), target), target))
                    .isInstanceOf(DovetailException.class).hasMessageContaining("Another backup run on " + target.description())
                    .extracting(e -> ((DovetailException) e).code()).isEqualTo(ErrorCode.LOCKED);
            assertThat(backups.list(target).statuses()).isEmpty();
        }
    }

    @Test
    void accountsAndGrantsAreInTheSetAndRestoredOnRequestOnly(Dovetail dj, TestDatabase db) throws Exception {
        String a = db.schema("acc_a");
        String b = db.schema("acc_b");
        schemas(dj.connection(), a, b);
        String user = db.schemaPrefix() + "reader";
        dj.connection().execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'pw-Reader-1'");
        dj.connection().execute("GRANT SELECT ON `" + a + "`.* TO '" + user + "'@'localhost'");
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-accounts-");
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj);
            Manifest m = backups.create(backups.plan(BackupRequest.of(a, b), target), target).manifest();
            assertThat(m.accounts().accounts()).contains("'" + user + "'@'localhost'");
            dj.connection().execute("DROP USER '" + user + "'@'localhost'");

            backups.restore(backups.plan(RestoreRequest.of(m.set()).renaming(a, a + "1").renaming(b, b + "1"), target), target);
            assertThat(dj.connection().queryValue("SELECT COUNT(*) FROM mysql.user WHERE User = ?", Long.class, user)).contains(0L);

            RestoreReport withGrants = backups.restore(backups.plan(RestoreRequest.of(m.set()).renaming(a, a + "2").renaming(b, b + "2")
                    .includingGrants(), target), target);
            assertThat(withGrants.problems()).isEmpty();
            List<String> grants = dj.connection().query("SHOW GRANTS FOR '" + user + "'@'localhost'", rs -> rs.getString(1));
            assertThat(grants).anySatisfy(g -> assertThat(g).contains("GRANT SELECT ON `" + a + "`.*"));
        } finally {
            dj.connection().execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
        }
    }

    @Test
    void anAccountWithoutReloadFallsBackToOneSnapshotTransaction(Dovetail dj, TestDatabase db) throws Exception {
        String a = db.schema("nr_a");
        String b = db.schema("nr_b");
        schemas(dj.connection(), a, b);
        String user = db.schemaPrefix() + "bk";
        dj.connection().execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-Backup-1'");
        dj.connection().execute("GRANT SELECT, SHOW VIEW, TRIGGER, EVENT ON *.* TO '" + user + "'@'%'");
        dj.connection().execute("GRANT INSERT, UPDATE, CREATE ON `dovetail_admin`.* TO '" + user + "'@'%'");
        Config limited = TestConfigs.of(db).builder().user(user).password("pw-Backup-1").build();
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-noreload-");
        try (Dovetail backupUser = Dovetail.connect(limited); BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(backupUser);
            CreateReport made = backups.create(backups.plan(BackupRequest.of(a, b).withThreads(2), target), target);
            assertThat(made.manifest().status()).isEqualTo(Manifest.COMPLETE);
            assertThat(made.manifest().snapshot().method()).isEqualTo(Snapshot.SINGLE);
            assertThat(made.manifest().snapshot().threads()).isEqualTo(1);
            assertThat(made.manifest().notes()).anySatisfy(n -> assertThat(n).contains("lacks RELOAD").contains("--threads 1"));
            assertThat(made.manifest().rows()).isEqualTo(40);
        } finally {
            dj.connection().execute("DROP USER '" + user + "'@'%'");
        }
    }
}
