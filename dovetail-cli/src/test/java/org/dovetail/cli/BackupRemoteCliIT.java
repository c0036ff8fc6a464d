package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.connection.Connection;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.DovetailTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail backup prune} and {@code backup copy} through the command line, on sets the engine made. */
@DovetailTest
class BackupRemoteCliIT {
    @TempDir
    Path work;

    @Test
    void pruneShowsItsPlanDeletesWithYesAndCopyPrunesTheSourceOfWhatVerified(TestDatabase db) throws Exception {
        String schema = db.schema("pruned");
        try (Connection c = Connection.open(TestConfigs.of(db).build())) {
            c.execute("CREATE DATABASE `" + schema + "`");
            c.execute("CREATE TABLE `" + schema + "`.t (id INT PRIMARY KEY)");
            c.execute("INSERT INTO `" + schema + "`.t VALUES (1), (2), (3)");
        }
        String local = work.resolve("local").toString();
        String remote = work.resolve("remote").toString();
        for (int i = 0; i < 2; i++) {
            Result made = run(db, "backup", "create", "--schemas", schema, "--to", local, "--label", "lab");
            assertThat(made.code()).as(made.err()).isZero();
        }
        Result listed = run(db, "backup", "list", local, "--format", "json");
        assertThat(listed.json().get("sets")).hasSize(2);
        String older = listed.json().get("sets").get(0).get("name").asText();
        String newer = listed.json().get("sets").get(1).get("name").asText();

        Result plan = run(db, "backup", "prune", local, "--keep-daily", "1");
        assertThat(plan.code()).as("a plan that would delete, without --yes").isEqualTo(3);
        assertThat(plan.out()).contains("delete 1 of 2 sets").contains("delete " + older);
        assertThat(plan.err()).contains("run again with --yes");
        assertThat(run(db, "backup", "prune", local, "--keep-daily", "1", "--dry-run").code()).isZero();
        assertThat(run(db, "backup", "prune", local).err()).contains("at least one of --keep-daily");

        Result copied = run(db, "backup", "copy", local, remote, "--prune-source", "--keep-daily", "1", "--keep-failed-days", "0");
        assertThat(copied.code()).as(copied.err()).isZero();
        assertThat(copied.out()).contains("Copied 2 sets").contains("verified there").contains("source pruned: 1 sets");
        assertThat(run(db, "backup", "list", remote, "--format", "json").json().get("sets")).hasSize(2);
        Result left = run(db, "backup", "list", local, "--format", "json");
        assertThat(left.json().get("sets")).singleElement().satisfies(s -> assertThat(s.get("name").asText()).isEqualTo(newer));
        assertThat(Files.exists(work.resolve("local").resolve(older).resolve("manifest.json"))).isFalse();

        Result yes = run(db, "backup", "prune", remote, "--keep-daily", "1", "--yes");
        assertThat(yes.code()).as(yes.err()).isZero();
        assertThat(yes.out()).contains("Pruned").contains("1 set and");
        assertThat(run(db, "backup", "copy", local, remote, "--keep-daily", "1").err()).contains("--keep-* options go with --prune-source");
    }

    @Test
    void anAccountMadeWithRoleBackupRunsTheBackup(TestDatabase db) throws Exception {
        String user = db.schemaPrefix() + "cron";
        String a = db.schema("ra");
        String b = db.schema("rb");
        try (Connection c = Connection.open(TestConfigs.of(db).build())) {
            Assumptions.assumeTrue(c.queryValue("SELECT COUNT(*) FROM mysql.user WHERE User = 'dj_backup'", Long.class).orElse(0L) == 0,
                    "the server already has a dj_backup role: not touching it");
            for (String schema : new String[] {a, b}) {
                c.execute("CREATE DATABASE `" + schema + "`");
                c.execute("CREATE TABLE `" + schema + "`.t (id INT PRIMARY KEY)");
                c.execute("INSERT INTO `" + schema + "`.t VALUES (1)");
            }
        }
        try {
            Result plan = run(db, "access", "add-user", user, "--role", "backup", "--from-host", "127.0.0.1");
            assertThat(plan.code()).isEqualTo(3);
            assertThat(plan.out()).contains("GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, RELOAD, BINLOG MONITOR ON *.* TO `dj_backup`")
                    .contains("CREATE USER '" + user + "'@'127.0.0.1'");
            Result added = run(db, "access", "add-user", user, "--role", "backup", "--from-host", "127.0.0.1", "--yes", "--format", "json");
            assertThat(added.code()).as(added.err()).isZero();
            String password = added.json().get("password").asText();
            assertThat(run(db, "access", "add-user", user, "--role", "user", "--from-host", "127.0.0.1").err())
                    .contains("--from-host is for --role backup");

            Result made = CommandRun.run(CommandRun.env(db, user, password), "backup", "create", "--schemas", a, b,
                    "--to", work.resolve("cron").toString(), "--format", "json");
            assertThat(made.code()).as(made.err()).isZero();
            assertThat(made.json().get("status").asText()).isEqualTo("complete");
            assertThat(made.json().get("snapshot").get("method").asText()).isEqualTo("backup_stage");
        } finally {
            try (Connection c = Connection.open(TestConfigs.of(db).build())) {
                c.execute("DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
                c.execute("DROP ROLE IF EXISTS `dj_backup`");
            }
        }
    }

    @Test
    void createWithSqlWritesTheSeedsFilesIntoTheSet(TestDatabase db) throws Exception {
        String schema = db.schema("plain");
        try (Connection c = Connection.open(TestConfigs.of(db).build())) {
            c.execute("CREATE DATABASE `" + schema + "`");
            c.execute("CREATE TABLE `" + schema + "`.t (id INT PRIMARY KEY)");
        }
        Result made = run(db, "backup", "create", "--schemas", schema, "--to", work.resolve("sql").toString(), "--with-sql",
                "--label", "lab", "--format", "json");
        assertThat(made.code()).as(made.err()).isZero();
        String set = made.json().get("set").asText();
        assertThat(work.resolve("sql").resolve(set).resolve("mysql." + schema + ".sql")).content().contains("CREATE TABLE `t`");
        assertThat(work.resolve("sql").resolve(set).resolve("mysql-all.sql")).exists();
    }

    @Test
    void theSftpLoginOptionsReachEveryBackupCommand(TestDatabase db) {
        Path key = work.resolve("no-such-key");
        Result listed = run(db, "backup", "list", "sftp://backup@127.0.0.1:1/backups", "--identity", key.toString(),
                "--known-hosts", work.resolve("known_hosts").toString());
        assertThat(listed.code()).isEqualTo(1);
        assertThat(listed.err()).contains("the private key " + key.toAbsolutePath() + " does not exist").doesNotContain("WARN");
    }

    private static Result run(TestDatabase db, String... args) {
        return CommandRun.run(CommandRun.env(db), args);
    }
}
