package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.embedded.EmbeddedSettings;
import org.dovetail.embedded.MariaDbBinaries;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup create --with-sql}: the seed's plain-SQL files through the embedded server's mariadb-dump, credentials in a mode-600 file. */
@ConnectedTest
class SqlDumpIT {
    @TempDir
    Path dir;

    private static SqlDump embeddedTool() {
        return SqlDump.of(MariaDbBinaries.unpackedInto(EmbeddedSettings.defaultCacheDir(System.getenv())).dump());
    }

    @Test
    void writesOneFilePerSchemaAndTheAllFileListedInTheManifest(Dovetail dj, TestDatabase db) throws Exception {
        String a = db.schema("sql_a");
        String b = db.schema("sql_b");
        dj.connection().execute("CREATE DATABASE `" + a + "`");
        dj.connection().execute("CREATE DATABASE `" + b + "`");
        dj.connection().execute("CREATE TABLE `" + a + "`.raw (id INT PRIMARY KEY, data LONGBLOB)");
        dj.connection().execute("INSERT INTO `" + a + "`.raw VALUES (1, x'00ff0a27'), (2, NULL)");
        dj.connection().execute("CREATE TABLE `" + b + "`.note (id INT PRIMARY KEY, text VARCHAR(40))");
        dj.connection().execute("INSERT INTO `" + b + "`.note VALUES (1, 'it''s')");
        dj.connection().execute("CREATE VIEW `" + b + "`.notes AS SELECT text FROM `" + b + "`.note");
        long leftoversBefore = defaultsFiles();
        try (BackupTarget target = BackupTarget.ofDirectory(dir.toString())) {
            Backups backups = new Backups(dj).withSqlDump(embeddedTool());
            CreateReport made = backups.create(backups.plan(BackupRequest.of(a, b), target), target);
            String set = made.manifest().set();
            assertThat(made.manifest().isComplete()).as(made.toText()).isTrue();
            assertThat(made.manifest().files()).extracting(Manifest.FileEntry::path)
                    .contains(SqlDump.file(set, a), SqlDump.file(set, b), set + "/" + SqlDump.ALL);
            String first = Files.readString(dir.resolve(SqlDump.file(set, a)), StandardCharsets.ISO_8859_1);
            assertThat(first).contains("CREATE TABLE `raw`").contains("INSERT INTO `raw`").doesNotContain("CREATE DATABASE");
            String second = Files.readString(dir.resolve(SqlDump.file(set, b)), StandardCharsets.UTF_8);
            assertThat(second).contains("VIEW `notes`").contains("'it\\'s'");
            String all = Files.readString(dir.resolve(set + "/" + SqlDump.ALL), StandardCharsets.ISO_8859_1);
            assertThat(all).contains("CREATE DATABASE").contains("`" + a + "`").contains("`" + b + "`");
            Manifest.FileEntry entry = made.manifest().file(set + "/" + SqlDump.ALL).orElseThrow();
            assertThat(entry.bytes()).isEqualTo(Files.size(dir.resolve(set + "/" + SqlDump.ALL)));
            assertThat(entry.sha256()).isEqualTo(Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(dir.resolve(set + "/" + SqlDump.ALL)))));
            assertThat(Files.readString(dir.resolve(SetLayout.sums(set)))).contains("  " + SqlDump.ALL);
        }
        assertThat(defaultsFiles()).as("the defaults file is deleted afterwards").isEqualTo(leftoversBefore);
    }

    @Test
    void theCredentialsAreInAModeSixHundredFileNotOnTheCommandLine(TestDatabase db) throws Exception {
        Config config = Config.builder().host(db.host()).port(db.port()).user("u").password("pa\"ss\\word").build();
        Path defaults = SqlDump.defaultsFile(config);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(defaults))).isEqualTo("rw-------");
            assertThat(Files.readString(defaults)).contains("password=\"pa\\\"ss\\\\word\"").contains("protocol=TCP");
            List<String> command = embeddedTool().command(defaults, List.of("lab"), false);
            assertThat(command).noneSatisfy(arg -> assertThat(arg).contains("pa\"ss"));
            assertThat(command.get(1)).isEqualTo("--defaults-extra-file=" + defaults);
        } finally {
            Files.delete(defaults);
        }
    }

    @Test
    void aFailingDumpFailsTheRunAndLeavesNoCompleteSet(Dovetail dj, TestDatabase db) throws Exception {
        String a = db.schema("sql_fail");
        dj.connection().execute("CREATE DATABASE `" + a + "`");
        dj.connection().execute("CREATE TABLE `" + a + "`.t (id INT PRIMARY KEY)");
        Path fake = Files.writeString(dir.resolve("fake-dump"), "#!/bin/sh\necho 'mariadb-dump: Got error: 1045' >&2\nexit 2\n");
        fake.toFile().setExecutable(true);
        try (BackupTarget target = BackupTarget.ofDirectory(dir.resolve("t").toString())) {
            Backups backups = new Backups(dj).withSqlDump(SqlDump.of(fake));
            assertThatThrownBy(() -> backups.create(backups.plan(BackupRequest.of(a), target), target))
                    .hasMessageContaining("fake-dump exited with 2").hasMessageContaining("Got error: 1045");
            assertThat(backups.list(target).complete()).isEmpty();
        }
    }

    private static long defaultsFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("dovetail-defaults-")).count();
        }
    }
}
