package org.dovetail.ops.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dovetail.TableName;

/**
 * What a backup reads about schemas from the server, over one plain JDBC session: schema names
 * by pattern, base tables with their columns and primary keys, and the DDL of tables, views,
 * routines, triggers and events through the server's own {@code SHOW CREATE}.
 */
final class Catalog {
    /** Schemas never backed up by {@code --all}. */
    static final Set<String> SYSTEM = Set.of("information_schema", "performance_schema", "sys", "mysql");
    private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit",
            "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection");
    /** Types whose text-protocol values the driver hands out as bytes unchanged. */
    private static final Set<String> RAW_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "json", "enum", "set");
    /**
     * Types whose text-protocol value the driver's {@code getString} returns as the server sent it
     * (it decodes the UTF-8 and does not parse): read that way, without a {@code CAST} the server
     * would evaluate per value. Dates with a time ({@code datetime}, {@code timestamp}) are parsed
     * and formatted again by the driver, so they ({@link Read#DATETIME}), and types not listed, are cast.
     */
    private static final Set<String> STRING_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double",
            "date", "time", "year");
    /** Types read as {@link Read#DATETIME}. */
    private static final Set<String> DATETIME_TYPES = Set.of("datetime", "timestamp");
    private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final Pattern AUTO_INCREMENT = Pattern.compile(" AUTO_INCREMENT=\\d+");

    private final Connection jdbc;

    Catalog(Connection jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How a column's value is read: its bytes as sent, the driver's string of it, or the bytes of
     * {@code CAST(... AS CHAR)}; {@code DATETIME} is cast too, except for {@link RawRows}, which
     * takes the text the server sends for the column itself (the same text, without the cast).
     */
    enum Read { BYTES, STRING, CAST, DATETIME }

    /** A base table of a schema. */
    record Table(String schema, String name, List<Manifest.Column> columns, Read[] read, List<String> primaryKey, boolean integerKey,
                 long dataLength, long avgRowLength) {
        TableName tableName() {
            return TableName.of(schema, name);
        }

        /**
         * The columns to select: as they are, or (datetimes and types not known here) as
         * {@code CAST(... AS CHAR)}, the server's own text of the value, so that the driver hands
         * it over as bytes without parsing and formatting it.
         */
        String selectList() {
            return selectList(false);
        }

        /** The columns to select; for raw rows ({@code raw}), {@link Read#DATETIME} columns as they are. */
        String selectList(boolean raw) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                String name = TableName.quote(columns.get(i).name());
                boolean cast = read[i] == Read.CAST || read[i] == Read.DATETIME && !raw;
                sb.append(cast ? "CAST(" + name + " AS CHAR)" : name);
            }
            return sb.toString();
        }
    }

    /** The schemas whose names match one of the globs ({@code *} any run, {@code ?} one character), or every non-system schema. */
    List<String> schemas(List<String> globs, boolean all) throws SQLException {
        List<Pattern> patterns = globs.stream().map(Catalog::glob).toList();
        List<String> out = new ArrayList<>();
        try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
            while (rs.next()) {
                String name = rs.getString(1);
                boolean wanted = all ? !SYSTEM.contains(name.toLowerCase(Locale.ROOT))
                        : patterns.stream().anyMatch(p -> p.matcher(name).matches());
                if (wanted) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** The base tables of a schema, by name, with their columns (generated columns left out) and primary keys. */
    List<Table> tables(String schema) throws SQLException {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        try (PreparedStatement p = jdbc.prepareStatement("SELECT TABLE_NAME, DATA_LENGTH, AVG_ROW_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    sizes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        Map<String, List<Manifest.Column>> columns = new LinkedHashMap<>();
        Map<String, String> firstKeyType = new LinkedHashMap<>();
        Map<String, List<Read>> read = new LinkedHashMap<>();
        try (PreparedStatement p = jdbc.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, GENERATION_EXPRESSION"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String generated = rs.getString(4);
                    if (generated != null && !generated.isEmpty()) {
                        continue;
                    }
                    String type = rs.getString(3).toLowerCase(Locale.ROOT);
                    columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new Manifest.Column(rs.getString(2), BINARY_TYPES.contains(type)));
                    Read how = BINARY_TYPES.contains(type) || RAW_TYPES.contains(type) ? Read.BYTES : STRING_TYPES.contains(type) ? Read.STRING
                            : DATETIME_TYPES.contains(type) ? Read.DATETIME : Read.CAST;
                    read.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(how);
                    firstKeyType.putIfAbsent(rs.getString(1) + "\0" + rs.getString(2), type);
                }
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement p = jdbc.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND INDEX_NAME = 'PRIMARY' ORDER BY TABLE_NAME, SEQ_IN_INDEX")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, long[]> e : sizes.entrySet()) {
            String name = e.getKey();
            List<String> key = keys.getOrDefault(name, List.of());
            boolean integerKey = !key.isEmpty() && INTEGER_TYPES.contains(firstKeyType.getOrDefault(name + "\0" + key.get(0), ""));
            Read[] reads = read.getOrDefault(name, List.of()).toArray(Read[]::new);
            tables.add(new Table(schema, name, columns.getOrDefault(name, List.of()), reads, key, integerKey, e.getValue()[0], e.getValue()[1]));
        }
        return tables;
    }

    /** {@code SHOW CREATE DATABASE}, as {@code CREATE DATABASE IF NOT EXISTS}. */
    String createDatabase(String schema) throws SQLException {
        String text = showCreate("SHOW CREATE DATABASE " + TableName.quote(schema), 2);
        return text.replaceFirst("^CREATE DATABASE (/\\*!32312 IF NOT EXISTS\\*/ )?", "CREATE DATABASE IF NOT EXISTS ");
    }

    /** {@code SHOW CREATE TABLE}. */
    String createTable(String schema, String table) throws SQLException {
        return showCreate("SHOW CREATE TABLE " + TableName.of(schema, table).quoted(), 2);
    }

    /** A table's DDL without its {@code AUTO_INCREMENT=} counter, for comparing DDL before and after a run. */
    static String shape(String ddl) {
        return AUTO_INCREMENT.matcher(ddl).replaceAll("");
    }

    /** The DDL of every base table of a schema, by table name (for DDL detection). */
    Map<String, String> tableShapes(String schema) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Table t : tables(schema)) {
            try {
                out.put(t.name(), shape(createTable(schema, t.name())));
            } catch (SQLException e) {
                out.put(t.name(), "unreadable: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Views, routines, triggers and events of a schema, as statements with the session settings
     * each was created under ({@code sql_mode}); views first.
     */
    List<String> otherObjects(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        String q = TableName.quote(schema);
        for (String view : names("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", schema)) {
            out.add(showCreate("SHOW CREATE VIEW " + TableName.of(schema, view).quoted(), 2));
        }
        for (String kind : List.of("PROCEDURE", "FUNCTION")) {
            for (String name : names("SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE = '"
                    + kind + "' ORDER BY ROUTINE_NAME", schema)) {
                out.addAll(withMode("SHOW CREATE " + kind + " " + q + "." + TableName.quote(name), 3, 2));
            }
        }
        for (String name : names("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME", schema)) {
            out.addAll(withMode("SHOW CREATE TRIGGER " + q + "." + TableName.quote(name), 3, 2));
        }
        for (String name : names("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME", schema)) {
            out.addAll(withMode("SHOW CREATE EVENT " + q + "." + TableName.quote(name), 4, 3));
        }
        return out;
    }

    private List<String> withMode(String sql, int textColumn, int modeColumn) throws SQLException {
        try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next() || rs.getString(textColumn) == null) {
                return List.of(); // the account may not read the body
            }
            return List.of("SET SESSION sql_mode = '" + rs.getString(modeColumn).replace("'", "''") + "'", rs.getString(textColumn));
        }
    }

    private List<String> names(String sql, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = jdbc.prepareStatement(sql)) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private String showCreate(String sql, int column) throws SQLException {
        try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(column);
        }
    }
}
