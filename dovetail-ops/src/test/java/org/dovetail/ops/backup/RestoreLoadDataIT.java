package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.dovetail.Dovetail;
import org.dovetail.config.Config;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.dovetail.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * Restored rows go in through {@code LOAD DATA LOCAL INFILE}: every column of the fixture and
 * values that need escaping come back as they were; a server with {@code local_infile} off gets
 * batched {@code INSERT}s and a note.
 */
@ConnectedTest
class RestoreLoadDataIT {
    private static final String AWKWARD = "CREATE TABLE `t` (id int NOT NULL PRIMARY KEY, s varchar(64) CHARACTER SET utf8mb4, l varchar(32) CHARACTER SET latin1,"
            + " b varbinary(32), u binary(16), bits bit(10), d decimal(20,6), f double, dt datetime(6), ts timestamp(3) NULL,"
            + " e enum('a','b\\\\c'), j longtext, tiny tinyint) ENGINE=InnoDB";

    @Test
    void everyColumnOfTheFixtureComesBackThroughLoadData(TestDatabase db, TestS3 s3) throws Exception {
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-loaddata-");
        Config source = Fixture.config(db, s3, base, "ld-src");
        String original = db.schema("ld_fx");
        String restored = db.schema("ld_fx_restored");
        Fixture.load(db, s3, source, original);
        try (Dovetail dj = Dovetail.connect(source); BackupTarget target = BackupTarget.ofDirectory(base.resolve("sets").toString())) {
            Backups backups = new Backups(dj);
            Manifest m = backups.create(backups.plan(BackupRequest.of(original), target), target).manifest();
            long textOnlyUnits = m.schema(original).orElseThrow().tables().stream()
                    .filter(t -> t.columns().stream().noneMatch(Manifest.Column::binary)).mapToLong(t -> t.units().size()).sum();
            long before = loadStatements(db);
            RestoreReport report = backups.restore(backups.plan(RestoreRequest.of(m.set()).renaming(original, restored), target), target);
            long loads = loadStatements(db) - before;
            assertThat(report.problems()).isEmpty();
            assertThat(report.notes()).noneMatch(n -> n.contains("LOAD DATA"));
            assertThat(textOnlyUnits).isGreaterThan(0);
            assertThat(loads).isGreaterThanOrEqualTo(textOnlyUnits);
            assertThat(Fixture.assertEveryValue(dj, restored)).isGreaterThan(300);
        }
    }

    @Test
    void valuesThatNeedEscapingComeBackByteForByte(TestDatabase db) throws Exception {
        String original = db.schema("ld_awk");
        String restored = db.schema("ld_awk_restored");
        fillAwkward(db, original);
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-loaddata-awk-");
        RestoreReport report = backupAndRestore(db, base, original, restored);
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).isEmpty();
        assertThat(checksum(db, restored)).isEqualTo(checksum(db, original));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT s, HEX(b), l FROM `" + restored + "`.`t` WHERE id = 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("tab\there\nnew \\ back \\N nul\0 é 😀");
            assertThat(rs.getString(2)).isEqualTo("005C090A0DFF4E");
            assertThat(rs.getString(3)).isEqualTo("café");
        }
    }

    @Test
    void aServerWithLocalInfileOffGetsBatchedInsertsAndANote(TestDatabase db) throws Exception {
        String original = db.schema("ld_off");
        String restored = db.schema("ld_off_restored");
        fillAwkward(db, original);
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-loaddata-off-");
        String was;
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
            rs.next();
            was = rs.getString(1);
        }
        RestoreReport report;
        try {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL local_infile = 0");
            }
            report = backupAndRestore(db, base, original, restored);
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL local_infile = " + ("1".equals(was) ? 1 : 0));
            }
        }
        assertThat(report.problems()).isEmpty();
        assertThat(report.notes()).singleElement().asString().contains("refuses LOAD DATA LOCAL INFILE").contains("batched INSERTs");
        assertThat(checksum(db, restored)).isEqualTo(checksum(db, original));
    }

    @Test
    void aUnitWithOneBinaryValueTooLargeForHexIsInsertedInstead(TestDatabase db) throws Exception {
        String original = db.schema("ld_big");
        String restored = db.schema("ld_big_restored");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + original + "`");
            s.execute("USE `" + original + "`");
            s.execute("CREATE TABLE `t` (id int NOT NULL PRIMARY KEY, data longblob) ENGINE=InnoDB");
            // 5,000 small rows and one of 2 MiB: under 1 KiB of the file a row, so LOAD DATA is tried first
            s.execute("INSERT INTO `t` SELECT seq, UNHEX(SHA2(seq, 256)) FROM seq_1_to_5000");
            s.execute("INSERT INTO `t` VALUES (5001, RANDOM_BYTES(1024)), (5002, REPEAT(RANDOM_BYTES(1024), 2048))");
        }
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-loaddata-big-");
        long before = loadStatements(db);
        RestoreReport report = backupAndRestore(db, base, original, restored);
        assertThat(loadStatements(db) - before).isEqualTo(1);
        assertThat(report.problems()).isEmpty();
        assertThat(checksum(db, restored)).isEqualTo(checksum(db, original));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(LENGTH(data)) FROM `" + restored + "`.`t`")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(5002);
            assertThat(rs.getLong(2)).isEqualTo(2L << 20);
        }
    }

    private static RestoreReport backupAndRestore(TestDatabase db, Path base, String original, String restored) {
        Config config = TestConfigs.of(db).build();
        try (Dovetail dj = Dovetail.connect(config); BackupTarget target = BackupTarget.ofDirectory(base.resolve("sets").toString())) {
            Backups backups = new Backups(dj);
            Manifest m = backups.create(backups.plan(BackupRequest.of(original), target), target).manifest();
            return backups.restore(backups.plan(RestoreRequest.of(m.set()).renaming(original, restored), target), target);
        }
    }

    private static void fillAwkward(TestDatabase db, String schema) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("USE `" + schema + "`");
            s.execute("SET NAMES utf8mb4");
            s.execute("SET time_zone = '+00:00'");
            s.execute(AWKWARD);
            s.execute("INSERT INTO t VALUES (1, 'tab\\there\\nnew \\\\ back \\\\N nul\\0 é 😀', 'café', 0x005C090A0DFF4E, 0x00112233445566778899AABBCCDDEEFF,"
                    + " b'1000000001', -12345678901234.123456, 1.2345678901234567e-300, '2024-02-29 23:59:59.999999', '2038-01-19 03:14:07.123',"
                    + " 'b\\\\c', '{\"a\": \"\\\\t\"}', -128)");
            s.execute("INSERT INTO t VALUES (2, '', '', X'', 0x00000000000000000000000000000000, b'0', 0, -0.0, '1000-01-01 00:00:00', '1970-01-01 00:00:01',"
                    + " 'a', '', 0)");
            s.execute("INSERT INTO t (id) VALUES (3)");
        }
    }

    private static long loadStatements(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_load'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static String checksum(TestDatabase db, String schema) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + schema + "`.`t` EXTENDED")) {
            rs.next();
            return rs.getString(2);
        }
    }
}
