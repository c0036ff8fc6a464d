package org.dovetail.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.dovetail.config.Config;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testing.TestConfigs;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A dump reads rows as the driver received them ({@link RawRows}) with the pinned Connector/J,
 * and writes what reading every value through the driver's getters writes; the server sends a
 * datetime as the text {@code CAST(... AS CHAR)} gives; a first row the getters read otherwise
 * sends the dump through the getters, with the same bytes.
 */
@ConnectedTest
class BackupRawRowsIT {
    /** Columns whose text the dump takes as the server sends it, compared with their {@code CAST(... AS CHAR)}. */
    private static final List<String> TEXT = List.of("i8", "i1", "u64", "d", "f", "g", "dt0", "dt1", "dt2", "dt3", "dt4", "dt5", "dt6",
            "ts0", "ts6", "dd", "tm", "y");
    /** Binary columns, compared with the {@code HEX()} of their bytes. */
    private static final List<String> BINARY = List.of("bn", "vb", "bl", "b1", "b17", "pt");

    private static String fill(TestDatabase db, String name) throws Exception {
        String schema = db.schema(name);
        try (Connection c = Snapshot.session(config(db)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + schema + "`");
            s.execute("USE `" + schema + "`"); // the seq_1_to_n tables are the current schema's
            s.execute("CREATE TABLE `" + schema + "`.`typed` (id int NOT NULL PRIMARY KEY, i8 tinyint, i1 tinyint(1), u64 bigint unsigned,"
                    + " d decimal(20,6), f float, g double, dt0 datetime, dt1 datetime(1), dt2 datetime(2), dt3 datetime(3), dt4 datetime(4),"
                    + " dt5 datetime(5), dt6 datetime(6), ts0 timestamp NULL, ts6 timestamp(6) NULL, dd date, tm time(3), y year,"
                    + " s varchar(400) CHARACTER SET utf8mb4, l varchar(20) CHARACTER SET latin1, tx text, e enum('go','nogo'), st set('a','b'),"
                    + " j longtext, bn binary(4), vb varbinary(300), bl mediumblob, b1 bit(1), b17 bit(17), pt point) ENGINE=InnoDB");
            String t = "`" + schema + "`.`typed`";
            String dt = "'2024-02-29 23:59:59.123456'";
            s.execute("INSERT INTO " + t + " VALUES (1, -128, 1, 18446744073709551615, -12345678901234.123456, 0.1, 0.37, "
                    + dt + ", " + dt + ", " + dt + ", " + dt + ", " + dt + ", " + dt + ", " + dt + ", '2024-03-31 01:30:00', '2038-01-19 03:14:07.999999',"
                    + " '2024-02-29', '-838:59:59.000', 1901, 'é ü 😀', 'café', 'tab\\there', 'nogo', 'a,b', '{\"k\": [1, 2]}',"
                    + " x'00FBFEFF', x'FB', x'FF00', b'1', b'10000000000000101', POINT(1.5, -2))");
            s.execute("INSERT INTO " + t + " VALUES (2, 127, 0, 0, 0.000001, -3.40282e38, 5e-324, '0000-00-00 00:00:00', '1000-01-01 00:00:00.1',"
                    + " '9999-12-31 23:59:59.99', '2024-01-01 00:00:00.000', '2024-01-01 00:00:00.5', '2024-01-01 00:00:00.00001',"
                    + " '9999-12-31 23:59:59.999999', '0000-00-00 00:00:00', '1970-01-01 00:00:01.000001', '0000-00-00', '838:59:59.999',"
                    + " 0, '', '', '', 'go', '', '', x'00000000', x'', x'', b'0', b'0', POINT(0, 0))");
            s.execute("INSERT INTO " + t + " (id) VALUES (3)");
            s.execute("INSERT INTO " + t + " (id, s, vb, bl) VALUES (4, REPEAT('ä', 400), UNHEX(REPEAT('FB00', 150)),"
                    + " (SELECT GROUP_CONCAT(UNHEX(SHA2(seq, 256)) SEPARATOR '') FROM seq_1_to_2200))");
            s.execute("INSERT INTO " + t + " SELECT 4 + seq, seq % 128, seq % 2, seq * 1000003, seq * 1.000001, seq / 7, seq * 0.37,"
                    + " '2024-01-01' + INTERVAL seq * 1001 MICROSECOND, '2024-01-01' + INTERVAL seq * 1001 MICROSECOND,"
                    + " '2024-01-01' + INTERVAL seq * 1001 MICROSECOND, '2024-01-01' + INTERVAL seq * 1001 MICROSECOND,"
                    + " '2024-01-01' + INTERVAL seq * 1001 MICROSECOND, '2024-01-01' + INTERVAL seq * 1001 MICROSECOND,"
                    + " '2024-01-01' + INTERVAL seq * 1001 MICROSECOND, '2024-01-01' + INTERVAL seq MINUTE, '2024-01-01' + INTERVAL seq * 7 SECOND,"
                    + " '2024-01-01' + INTERVAL seq DAY, SEC_TO_TIME(CAST(seq AS SIGNED) * 37 - 50000), 1901 + seq % 255, concat('trial ', seq), 'x', REPEAT('t', seq % 50),"
                    + " ELT(1 + seq % 2, 'go', 'nogo'), 'b', concat('[', seq, ']'), UNHEX(LEFT(SHA2(seq, 256), 8)), UNHEX(SHA2(seq, 256)),"
                    + " UNHEX(SHA2(seq, 512)), seq % 2, seq, POINT(seq, -seq) FROM seq_1_to_3000");
            s.execute("ANALYZE TABLE " + t);
        }
        return schema;
    }

    private static Config config(TestDatabase db) {
        return TestConfigs.of(db).build();
    }

    private static Catalog.Table typed(Connection c, String schema) throws Exception {
        return new Catalog(c).tables(schema).stream().filter(t -> t.name().equals("typed")).findFirst().orElseThrow();
    }

    @Test
    void thePinnedDriverGivesRawRowsAndTheyWriteWhatTheGettersWrite(TestDatabase db) throws Exception {
        String schema = fill(db, "raw_getters");
        try (Connection c = Snapshot.session(config(db))) {
            Catalog.Table t = typed(c, schema);
            assertThat(t.avgRowLength()).as("rows come in batches of more than one").isBetween(1L, 16L << 10);
            assertThat(RawRows.available()).isTrue();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            Dumper.RowsRead viaRaw = Dumper.readRows(c, t, null, raw, null, true);
            ByteArrayOutputStream values = new ByteArrayOutputStream();
            Dumper.RowsRead viaGetters = Dumper.readRows(c, t, null, values, null, false);

            assertThat(viaRaw.raw()).as("the raw path is taken").isTrue();
            assertThat(viaGetters.raw()).isFalse();
            assertThat(viaRaw.hash().rows()).isEqualTo(3004);
            assertThat(raw.toByteArray()).isEqualTo(values.toByteArray());
            assertThat(viaRaw.hash().sum()).isEqualTo(viaGetters.hash().sum());

            // a range of the table, as a unit, likewise
            ByteArrayOutputStream rangeRaw = new ByteArrayOutputStream();
            ByteArrayOutputStream rangeValues = new ByteArrayOutputStream();
            assertThat(Dumper.readRows(c, t, "`id` >= 1500", rangeRaw, null, true).raw()).isTrue();
            Dumper.readRows(c, t, "`id` >= 1500", rangeValues, null, false);
            assertThat(rangeRaw.toByteArray()).isEqualTo(rangeValues.toByteArray());

            RowFile.Reader back = new RowFile.Reader(new ByteArrayInputStream(raw.toByteArray()), "typed.0.dtr");
            List<String> names = back.columns().stream().map(Manifest.Column::name).toList();
            byte[][] first = back.next();
            assertThat(text(first[names.indexOf("dt0")])).isEqualTo("2024-02-29 23:59:59");
            assertThat(text(first[names.indexOf("dt3")])).isEqualTo("2024-02-29 23:59:59.123");
            assertThat(text(first[names.indexOf("dt6")])).isEqualTo("2024-02-29 23:59:59.123456");
            assertThat(text(first[names.indexOf("ts6")])).isEqualTo("2038-01-19 03:14:07.999999");
            assertThat(text(first[names.indexOf("s")])).isEqualTo("é ü 😀");
            assertThat(first[names.indexOf("bn")]).isEqualTo(new byte[] {0, (byte) 0xFB, (byte) 0xFE, (byte) 0xFF});
            byte[][] second = back.next();
            assertThat(text(second[names.indexOf("dt0")])).isEqualTo("0000-00-00 00:00:00");
            assertThat(second[names.indexOf("vb")]).isEmpty();
            byte[][] third = back.next();
            assertThat(Arrays.stream(third).skip(1)).allMatch(v -> v == null);
            byte[][] fourth = back.next();
            assertThat(fourth[names.indexOf("bl")]).hasSize(2200 * 32);
        }
    }

    @Test
    void theServerSendsEachValueAsItsCastTextAndBinaryValuesAsTheirBytes(TestDatabase db) throws Exception {
        String schema = fill(db, "raw_cast");
        StringBuilder select = new StringBuilder("SELECT id");
        for (String c : TEXT) {
            select.append(", `").append(c).append("`, CAST(`").append(c).append("` AS CHAR)");
        }
        for (String c : BINARY) {
            select.append(", `").append(c).append("`, HEX(CAST(`").append(c).append("` AS BINARY))");
        }
        int fields = 1 + 2 * (TEXT.size() + BINARY.size());
        int[] offsets = new int[fields];
        int[] lengths = new int[fields];
        int rows = 0;
        try (Connection c = Snapshot.session(config(db)); Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(100);
            try (ResultSet rs = s.executeQuery(select + " FROM `" + schema + "`.`typed`")) {
                while (rs.next()) {
                    RawRows raw = RawRows.of(rs);
                    assertThat(raw).isNotNull();
                    byte[] row = raw.current();
                    assertThat(RawRows.parse(row, fields, offsets, lengths)).isTrue();
                    String id = text(Arrays.copyOfRange(row, offsets[0], offsets[0] + lengths[0]));
                    for (int i = 0; i < TEXT.size() + BINARY.size(); i++) {
                        int f = 1 + 2 * i;
                        String what = (i < TEXT.size() ? TEXT.get(i) : BINARY.get(i - TEXT.size())) + " of row " + id;
                        byte[] sent = lengths[f] < 0 ? null : Arrays.copyOfRange(row, offsets[f], offsets[f] + lengths[f]);
                        byte[] other = lengths[f + 1] < 0 ? null : Arrays.copyOfRange(row, offsets[f + 1], offsets[f + 1] + lengths[f + 1]);
                        if (i < TEXT.size()) {
                            assertThat(sent).as(what).isEqualTo(other);
                        } else {
                            assertThat(sent == null ? null : HexFormat.of().withUpperCase().formatHex(sent)).as(what).isEqualTo(other == null ? null : text(other));
                        }
                    }
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(3004);
    }

    @Test
    void aFirstRowTheGettersReadOtherwiseSendsTheDumpThroughThemWithTheSameBytes(TestDatabase db) throws Exception {
        String schema = fill(db, "raw_fallback");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Catalog.Table t;
        try (Connection c = Snapshot.session(config(db))) {
            t = typed(c, schema);
            assertThat(Dumper.readRows(c, t, null, expected, null, true).raw()).isTrue();
        }
        // a driver told the session's times are in another zone formats datetimes shifted from the text the server sends
        ZoneId local = ZoneId.systemDefault();
        int localHours = local.getRules().getOffset(LocalDateTime.of(2024, 3, 1, 0, 0)).getTotalSeconds() / 3600;
        String other = localHours == 5 ? "+07:00" : "+05:00";
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        p.setProperty("preserveInstants", "true");
        p.setProperty("connectionTimeZone", other);
        p.setProperty("pureLocalDateTime", "false");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), p)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET NAMES utf8mb4");
                s.execute("SET SESSION time_zone = '+00:00'");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT dt0 FROM `" + schema + "`.`typed` WHERE id = 1")) {
                rs.next();
                assertThat(rs.getObject(1, LocalDateTime.class)).as("the getter's value differs").isNotEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
            }
            ByteArrayOutputStream fallback = new ByteArrayOutputStream();
            Dumper.RowsRead read = Dumper.readRows(c, t, null, fallback, null, true);
            assertThat(read.raw()).as("the raw path is not taken").isFalse();
            assertThat(read.hash().rows()).isEqualTo(3004);
            assertThat(fallback.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
