package org.dovetail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dovetail.Dovetail;
import org.dovetail.cli.CommandRun.Result;
import org.dovetail.connection.Connection;
import org.dovetail.schema.Schema;
import org.dovetail.schema.TableDefinition;
import org.dovetail.schema.Tier;
import org.dovetail.testing.ConnectedTest;
import org.dovetail.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers at the limits of their columns through {@code dovetail insert} (JSON Lines and CSV) and
 * through {@code fetch} then {@code insert}: a double column receives the exact double, a decimal
 * column the exact decimal, and a value the column cannot hold is an error naming the row and
 * the attribute.
 */
@ConnectedTest
class NumbersCliIT {
    private static final String DEFINITION = """
            id : int
            ---
            t_double = null : double
            t_float = null : float
            t_decimal = null : decimal(30,10)
            t_big = null : bigint
            t_big_u = null : bigint unsigned
            """;
    /** id -> the double stored in t_double: extremes, the smallest normal, subnormals, negative zero. */
    static final Map<Integer, Double> DOUBLES = new LinkedHashMap<>();

    static {
        double[] values = {-1.7976931348623157e308, 1.7976931348623157e308, 2.2250738585072014e-308, -2.2250738585072014e-308,
            1.0450168441060445e299, 2.225073858507201e-308, 4.9e-324, -4.9e-324, -0.0, 0.1, 1.0 / 3, 123456789.125};
        for (int i = 0; i < values.length; i++) {
            DOUBLES.put(i + 1, values[i]);
        }
    }

    private static TestDatabase db;
    private static String lab;

    @TempDir
    Path work;

    @BeforeAll
    static void declare(TestDatabase database, Dovetail dj) {
        db = database;
        lab = db.schema("numbers");
        Schema schema = dj.createSchema(lab);
        for (String table : List.of("FromJsonl", "FromCsv", "CopyJsonl", "CopyCsv", "Rejects")) {
            schema.declare(TableDefinition.of(Tier.MANUAL, table, DEFINITION));
        }
    }

    private static Result run(String... args) {
        return CommandRun.run(CommandRun.env(db), args);
    }

    private Result insert(String table, String fileName, String content) throws Exception {
        Path file = Files.writeString(work.resolve(fileName), content);
        return run("insert", lab + "." + table, "--file", file.toString());
    }

    /** The rows of a table as the server holds them: doubles read as doubles, the rest as the server's text. */
    private static Map<Integer, List<Object>> stored(String table) throws SQLException {
        Map<Integer, List<Object>> rows = new LinkedHashMap<>();
        try (java.sql.Connection jdbc = db.connect(); ResultSet rs = jdbc.createStatement().executeQuery(
                "SELECT id, t_double, t_float, t_decimal, t_big, t_big_u FROM `" + lab + "`.`" + table + "` ORDER BY id")) {
            while (rs.next()) {
                double d = rs.getDouble(2);
                Object bits = rs.wasNull() ? null : Double.doubleToRawLongBits(d);
                rows.put(rs.getInt(1), List.of(String.valueOf(bits), String.valueOf(rs.getString(3)), String.valueOf(rs.getString(4)),
                        String.valueOf(rs.getString(5)), String.valueOf(rs.getString(6))));
            }
        }
        return rows;
    }

    /** One JSON line with every attribute; {@code null} where the row has no value. */
    private static String line(int id, Object tDouble, Object tFloat, Object tDecimal, Object tBig, Object tBigU) {
        return "{\"id\": " + id + ", \"t_double\": " + tDouble + ", \"t_float\": " + tFloat + ", \"t_decimal\": " + tDecimal
                + ", \"t_big\": " + tBig + ", \"t_big_u\": " + tBigU + "}\n";
    }

    private static String jsonLines() {
        StringBuilder lines = new StringBuilder();
        DOUBLES.forEach((id, d) -> lines.append(line(id, d, null, null, null, null)));
        // the values of the issue, as DataJoint-Python writes them
        lines.append(line(101, "-1.7976931348623157e+308", "3.4028234663852886e+38", null, null, null));
        lines.append(line(102, "2.2250738585072014e-308", "1.401298464324817e-45", null, null, null));
        lines.append(line(103, "1.0450168441060445e+299", "-0.1", null, null, null));
        lines.append(line(104, null, null, "12345678901234567890.0123456789", "9223372036854775807", "18446744073709551615"));
        lines.append(line(105, null, null, "\"-12345678901234567890.0123456789\"", "-9223372036854775808", "0"));
        lines.append(line(106, "9007199254740992", null, "1e-10", null, null));
        return lines.toString();
    }

    private static void checkExtremes(Map<Integer, List<Object>> rows) {
        DOUBLES.forEach((id, d) -> assertThat(rows.get(id).get(0)).as("%s", d).isEqualTo(String.valueOf(Double.doubleToRawLongBits(d))));
        assertThat(rows.get(101).get(0)).isEqualTo(String.valueOf(Double.doubleToRawLongBits(-Double.MAX_VALUE)));
        assertThat(rows.get(102).get(0)).isEqualTo(String.valueOf(Double.doubleToRawLongBits(Double.MIN_NORMAL)));
        assertThat(rows.get(103).get(0)).isEqualTo(String.valueOf(Double.doubleToRawLongBits(1.0450168441060445e299)));
        assertThat(rows.get(101).get(1)).isEqualTo("3.40282e38");
        assertThat(rows.get(102).get(1)).isEqualTo("1.4013e-45");
        assertThat(rows.get(103).get(1)).isEqualTo("-0.1");
        assertThat(rows.get(104).subList(2, 5)).containsExactly("12345678901234567890.0123456789", "9223372036854775807", "18446744073709551615");
        assertThat(rows.get(105).subList(2, 5)).containsExactly("-12345678901234567890.0123456789", "-9223372036854775808", "0");
        assertThat(rows.get(106).get(0)).isEqualTo(String.valueOf(Double.doubleToRawLongBits(9007199254740992.0)));
        assertThat(rows.get(106).get(2)).isEqualTo("0.0000000001");
    }

    @Test
    void jsonLinesCarryExactDoublesAndDecimals() throws Exception {
        Result r = insert("FromJsonl", "extremes.jsonl", jsonLines());
        assertThat(r.code()).as(r.err()).isZero();
        checkExtremes(stored("from_jsonl"));
    }

    @Test
    void csvCarriesExactDoublesAndDecimals() throws Exception {
        StringBuilder csv = new StringBuilder("id,t_double,t_float,t_decimal,t_big,t_big_u\n");
        DOUBLES.forEach((id, d) -> csv.append(id).append(',').append(d).append(",,,,\n"));
        csv.append("101,-1.7976931348623157e+308,3.4028234663852886e+38,,,\n");
        csv.append("102,2.2250738585072014e-308,1.401298464324817e-45,,,\n");
        csv.append("103,1.0450168441060445e+299,-0.1,,,\n");
        csv.append("104,,,12345678901234567890.0123456789,9223372036854775807,18446744073709551615\n");
        csv.append("105,,,-12345678901234567890.0123456789,-9223372036854775808,0\n");
        csv.append("106,9007199254740992,,1e-10,,\n");
        Result r = insert("FromCsv", "extremes.csv", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        checkExtremes(stored("from_csv"));
    }

    @Test
    void fetchThenInsertStoresTheSameValues() throws Exception {
        assertThat(insert("FromJsonl", "source.jsonl", jsonLines().replace("{\"id\": ", "{\"id\": 1000")).code()).isZero();
        for (String format : List.of("jsonl", "csv")) {
            Result fetched = run("fetch", lab + ".FromJsonl", "--where", "id >= 1000", "--format", format);
            assertThat(fetched.code()).as(fetched.err()).isZero();
            String table = format.equals("jsonl") ? "CopyJsonl" : "CopyCsv";
            Result inserted = insert(table, "copy." + format, fetched.out());
            assertThat(inserted.code()).as(inserted.err()).isZero();
            Map<Integer, List<Object>> source = new LinkedHashMap<>(stored("from_jsonl"));
            source.keySet().removeIf(id -> id < 1000);
            assertThat(stored(format.equals("jsonl") ? "copy_jsonl" : "copy_csv")).as(format).isEqualTo(source);
        }
        // Dovetail prints the shortest text that reads back as the same double
        Result fetched = run("fetch", lab + ".FromJsonl", "--where", "id = 1000101", "--attrs", "t_double", "--format", "csv");
        assertThat(fetched.out()).isEqualTo("t_double\n-1.7976931348623157E308\n");
    }

    private void rejected(String line, String csvHeader, String csvRow, String attribute, String reason) throws Exception {
        Result jsonl = insert("Rejects", "bad.jsonl", "{\"id\": 1, \"" + attribute + "\": null}\n" + line + "\n");
        assertThat(jsonl.code()).as(line).isEqualTo(1);
        assertThat(jsonl.err().lines()).as(line).hasSize(1);
        assertThat(jsonl.err()).as(line).contains("row 2 (id=2)").contains("`" + attribute + "`").contains(reason);
        Result csv = insert("Rejects", "bad.csv", "id," + csvHeader + "\n1,\n" + csvRow + "\n");
        assertThat(csv.code()).as(csvRow).isEqualTo(1);
        assertThat(csv.err()).as(csvRow).contains("row 2 (id=2)").contains("`" + attribute + "`").contains(reason);
        assertThat(stored("rejects")).isEmpty();
    }

    @Test
    void valuesTheColumnCannotHoldAreErrorsNamingRowAndAttribute() throws Exception {
        rejected("{\"id\": 2, \"t_double\": 9007199254740993}", "t_double", "2,9007199254740993", "t_double",
                "not exactly representable as a double");
        rejected("{\"id\": 2, \"t_double\": 1e400}", "t_double", "2,1e400", "t_double", "beyond the range of a double");
        rejected("{\"id\": 2, \"t_double\": -1e-400}", "t_double", "2,-1e-400", "t_double", "too small for a double");
        rejected("{\"id\": 2, \"t_float\": 1e39}", "t_float", "2,1e39", "t_float", "beyond the range of a float");
        rejected("{\"id\": 2, \"t_decimal\": 1e20}", "t_decimal", "2,1e20", "t_decimal", "at most 20 digits before the point");
        rejected("{\"id\": 2, \"t_big\": 9223372036854775808}", "t_big", "2,9223372036854775808", "t_big", "out of range");
        rejected("{\"id\": 2, \"t_big_u\": -1}", "t_big_u", "2,-1", "t_big_u", "out of range");
        rejected("{\"id\": 2, \"t_big\": 1.5}", "t_big", "2,1.5", "t_big", "a whole number");
    }

    @Test
    void decimalsKeepEveryDigit() throws Exception {
        BigDecimal exact = new BigDecimal("98765432109876543210.9876543210");
        Result r = insert("FromJsonl", "decimal.jsonl", "{\"id\": 5000, \"t_decimal\": " + exact + "}\n");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(stored("from_jsonl").get(5000).get(2)).isEqualTo(exact.toPlainString());
        Result fetched = run("fetch", lab + ".FromJsonl", "--where", "id = 5000", "--attrs", "t_decimal", "--format", "jsonl");
        assertThat(fetched.out()).isEqualTo("{\"t_decimal\":\"98765432109876543210.9876543210\"}\n");
    }
}
