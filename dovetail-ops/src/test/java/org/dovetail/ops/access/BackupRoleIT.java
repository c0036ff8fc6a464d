package org.dovetail.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.config.Config;
import org.dovetail.connection.Connection;
import org.dovetail.ops.backup.BackupRequest;
import org.dovetail.ops.backup.BackupTarget;
import org.dovetail.ops.backup.Backups;
import org.dovetail.ops.backup.CreateReport;
import org.dovetail.ops.backup.Manifest;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code add-user NAME --role backup} on the real server: the dj_backup role with exactly its
 * global privileges, accounts bound to the given hosts, and what such an account can do: the
 * statements of the parallel snapshot, reading every schema and the accounts, and nothing that
 * writes. (That it runs a whole backup is tested with the engine.) The role and accounts are
 * dropped afterwards; the class is skipped on a server whose dj_backup role already exists.
 */
@DovetailTest
class BackupRoleIT {
    private static TestDatabase db;
    private static String user;
    private static String password;
    private static String data;

    @BeforeAll
    static void addABackupAccount(TestDatabase database) {
        db = database;
        user = db.schemaPrefix() + "bk";
        data = db.schema("data");
        try (Connection root = Connection.open(admin())) {
            Assumptions.assumeTrue(root.queryValue("SELECT COUNT(*) FROM mysql.user WHERE User = 'dj_backup'", Long.class)
                    .orElse(0L) == 0, "the server already has a dj_backup role: not touching it");
            root.execute("CREATE DATABASE `" + data + "`");
            root.execute("CREATE TABLE `" + data + "`.t (id INT PRIMARY KEY)");
            root.execute("INSERT INTO `" + data + "`.t VALUES (1), (2)");
            root.execute("CREATE DATABASE `" + db.schema("more") + "`");
            root.execute("CREATE TABLE `" + db.schema("more") + "`.u (id INT PRIMARY KEY)");
            AccessManager access = AccessManager.on(root);
            Plan plan = access.addBackupUser(user, List.of("127.0.0.1", "localhost"));
            assertThat(plan.statements()).extracting(SqlStatement::sql).containsExactly(
                    "CREATE ROLE IF NOT EXISTS `dj_backup`",
                    "GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, BINLOG MONITOR ON *.* TO `dj_backup`",
                    "GRANT INSERT, UPDATE ON `dovetail\\_admin`.* TO `dj_backup`",
                    "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY ?",
                    "GRANT `dj_backup` TO '" + user + "'@'127.0.0.1'",
                    "SET DEFAULT ROLE `dj_backup` FOR '" + user + "'@'127.0.0.1'",
                    "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY ?",
                    "GRANT `dj_backup` TO '" + user + "'@'localhost'",
                    "SET DEFAULT ROLE `dj_backup` FOR '" + user + "'@'localhost'");
            ChangeReport added = access.apply(plan);
            assertThat(added.succeeded()).as(added.toText()).isTrue();
            password = added.password();
            assertThat(password).hasSize(20);
        }
    }

    @AfterAll
    static void dropTheAccountsAndTheRole() {
        if (password == null) {
            return;
        }
        try (Connection root = Connection.open(admin())) {
            root.execute("DROP USER IF EXISTS '" + user + "'@'127.0.0.1', '" + user + "'@'localhost'");
            root.execute("DROP ROLE IF EXISTS `dj_backup`");
        }
    }

    private static Config admin() {
        return TestConfigs.of(db).build();
    }

    @Test
    void theRoleHasExactlyItsPrivilegesAndAddingAgainChangesNothing() {
        try (Connection root = Connection.open(admin())) {
            assertThat(root.query("SHOW GRANTS FOR `dj_backup`", r -> r.getString(1)))
                    .containsExactly("GRANT SELECT, RELOAD, BINLOG MONITOR, SHOW VIEW, EVENT, TRIGGER ON *.* TO `dj_backup`",
                            "GRANT INSERT, UPDATE ON `dovetail\\_admin`.* TO `dj_backup`");
            AccessManager access = AccessManager.on(root);
            Plan again = access.addBackupUser(user, List.of("127.0.0.1"));
            assertThat(again.statements()).extracting(SqlStatement::sql).containsExactly(
                    "GRANT `dj_backup` TO '" + user + "'@'127.0.0.1'", "SET DEFAULT ROLE `dj_backup` FOR '" + user + "'@'127.0.0.1'");
            assertThat(again.notes()).anySatisfy(n -> assertThat(n).contains("exists: its password is unchanged"));
            assertThat(again.password()).isNull();
            assertThat(access.backupPrivileges()).isEqualTo("SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, BINLOG MONITOR");
        }
    }

    @Test
    void theAccountTakesTheParallelSnapshotAndReadsEverythingButWritesNothing() {
        Config asBackup = admin().toBuilder().user(user).password(password).build();
        String adminAccount;
        try (Connection root = Connection.open(admin())) {
            adminAccount = AccountName.parse(root.queryValue("SELECT CURRENT_USER()", String.class).orElseThrow()).sql();
        }
        try (Connection backup = Connection.open(asBackup)) {
            assertThat(backup.queryValue("SELECT CURRENT_ROLE()", String.class)).contains("dj_backup");
            backup.execute("BACKUP STAGE START");
            backup.execute("BACKUP STAGE BLOCK_COMMIT");
            backup.execute("BACKUP STAGE END");
            backup.execute("FLUSH TABLES WITH READ LOCK");
            backup.execute("UNLOCK TABLES");
            backup.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            assertThat(backup.queryValue("SELECT COUNT(*) FROM `" + data + "`.t", Long.class)).contains(2L);
            backup.execute("COMMIT");
            assertThat(backup.query("SHOW CREATE USER " + adminAccount, r -> r.getString(1))).singleElement().asString().startsWith("CREATE USER");
            assertThat(backup.query("SHOW GRANTS FOR " + adminAccount, r -> r.getString(1))).isNotEmpty();
            backup.query("SHOW MASTER STATUS", r -> r.getString(1)); // binlog coordinates: allowed (empty while binlog is off)
            assertThatThrownBy(() -> backup.execute("INSERT INTO `" + data + "`.t VALUES (3)")).isInstanceOf(DovetailException.class)
                    .hasMessageContaining("INSERT command denied");
            assertThatThrownBy(() -> backup.execute("CREATE DATABASE `" + db.schema("nope") + "`")).isInstanceOf(DovetailException.class);
        }
    }

    @Test
    void theAccountBacksUpInParallel_andWithoutReloadInOneTransactionWithANote(@TempDir Path dir) {
        Config asBackup = admin().toBuilder().user(user).password(password).build();
        try (Dovetail dj = Dovetail.connect(asBackup); BackupTarget target = BackupTarget.ofDirectory(dir.resolve("a").toString())) {
            Backups backups = new Backups(dj);
            CreateReport made = backups.create(backups.plan(BackupRequest.of(data, db.schema("more")).withThreads(2), target), target);
            assertThat(made.manifest().status()).isEqualTo(Manifest.COMPLETE);
            assertThat(made.manifest().snapshot().method()).isEqualTo("backup_stage");
            assertThat(made.manifest().snapshot().threads()).isEqualTo(2);
            assertThat(made.manifest().notes()).noneSatisfy(n -> assertThat(n).contains("RELOAD"));
            assertThat(made.manifest().rows()).isEqualTo(2);
            assertThat(made.manifest().accounts()).isNotNull();
        }
        // the role's privileges but RELOAD, granted directly: the same run falls back to one transaction and says so
        String limited = user + "nr";
        try (Connection root = Connection.open(admin())) {
            root.execute("CREATE USER '" + limited + "'@'127.0.0.1' IDENTIFIED BY 'pw-Limited-1'");
            String privileges = AccessManager.on(root).backupPrivileges().replace(", RELOAD", "");
            root.execute("GRANT " + privileges + " ON *.* TO '" + limited + "'@'127.0.0.1'");
            root.execute("GRANT INSERT, UPDATE ON `dovetail\\_admin`.* TO '" + limited + "'@'127.0.0.1'");
        }
        try (Dovetail dj = Dovetail.connect(admin().toBuilder().user(limited).password("pw-Limited-1").build());
             BackupTarget target = BackupTarget.ofDirectory(dir.resolve("b").toString())) {
            Backups backups = new Backups(dj);
            CreateReport made = backups.create(backups.plan(BackupRequest.of(data, db.schema("more")).withThreads(2), target), target);
            assertThat(made.manifest().status()).isEqualTo(Manifest.COMPLETE);
            assertThat(made.manifest().snapshot().method()).isEqualTo("single_transaction");
            assertThat(made.manifest().notes()).anySatisfy(n -> assertThat(n).contains("lacks RELOAD").contains("--threads 1"));
        } finally {
            try (Connection root = Connection.open(admin())) {
                root.execute("DROP USER IF EXISTS '" + limited + "'@'127.0.0.1'");
            }
        }
    }

    @Test
    void aBackupAccountIsBoundToNamedHosts() {
        try (Connection root = Connection.open(admin())) {
            AccessManager access = AccessManager.on(root);
            assertThatThrownBy(() -> access.addBackupUser(user, List.of("%"))).isInstanceOf(AccessManagementException.class)
                    .hasMessageContaining("bound to the hosts backups run on");
            assertThatThrownBy(() -> access.addBackupUser(user + "@%", List.of())).hasMessageContaining("without a host");
            assertThatThrownBy(() -> access.addBackupUser("dj_backup", List.of())).hasMessageContaining("name of a role");
            assertThat(access.addUser("someone", Role.BACKUP, InitialPassword.RANDOM_EXPIRED).statements())
                    .extracting(SqlStatement::sql).contains("CREATE USER 'someone'@'localhost' IDENTIFIED BY ?");
        }
    }
}
