package org.dovetail.internal.heading;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.MissingTableException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.heading.Attribute;
import org.dovetail.heading.ForeignKey;
import org.dovetail.heading.Heading;
import org.dovetail.heading.Index;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.schema.Tier;

/**
 * Reads the heading of any existing table from the database, whoever declared it.
 *
 * <pre>{@code
 * Heading h = HeadingReader.read(connection, "lab", "_recording");
 * }</pre>
 */
public final class HeadingReader {
    private static final Pattern JSON_CHECK = Pattern.compile("(?i)json_valid\\(`(?<column>[^`]+)`\\)");
    private static final Pattern CONSTRAINT_NUMBER = Pattern.compile("_ibfk_(\\d+)$");

    private HeadingReader() {
    }

    /**
     * The heading of {@code `database`.`table`}.
     *
     * @throws MissingTableException if the table does not exist
     */
    public static Heading read(Connection connection, String database, String table) {
        String fullName = TableNames.fullName(database, table);
        List<String> comment = connection.query(
                "SELECT table_comment FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                r -> r.getString(1), database, table);
        if (comment.isEmpty()) {
            throw new MissingTableException("The table " + fullName + " is not defined.");
        }
        List<ForeignKey> allKeys = foreignKeys(connection, database, table);
        Map<String, String> externalStores = externalStores(allKeys);
        Set<String> jsonColumns = connection.serverVersion().isMariaDb() ? mariaDbJsonColumns(connection, database, table) : Set.of();
        List<Attribute> attributes = new ArrayList<>();
        for (ColumnRow row : columns(connection, database, table)) {
            Attribute a = AttributeDecoder.decode(fullName, row, jsonColumns.contains(row.field()),
                    Optional.ofNullable(externalStores.get(row.field())));
            if (!a.isHidden()) {
                attributes.add(a);
            }
        }
        List<ForeignKey> parents = allKeys.stream().filter(fk -> !isHidden(fk.table())).toList();
        String tier = Tier.ofSqlName(table).map(Tier::displayName).orElse(null);
        return new Heading(fullName, tier, attributes.stream().filter(Attribute::inKey).map(Attribute::name).toList(),
                attributes, indexes(connection, database, table), parents, comment.get(0));
    }

    private static List<ColumnRow> columns(Connection connection, String database, String table) {
        return connection.query("SHOW FULL COLUMNS FROM " + TableName.quote(table) + " IN " + TableName.quote(database),
                r -> new ColumnRow(r.getString("Field"), r.getString("Type"), r.getString("Null"), r.getString("Key"),
                        r.getString("Default"), r.getString("Extra"), r.getString("Comment")));
    }

    private static List<Index> indexes(Connection connection, String database, String table) {
        record KeyPart(String keyName, int seq, String column, boolean unique, boolean nullable) {
        }
        List<KeyPart> parts = connection.query("SHOW KEYS FROM " + TableName.quote(database) + "." + TableName.quote(table), r -> new KeyPart(
                r.getString("Key_name"), r.getInt("Seq_in_index"), keyColumn(r), r.getInt("Non_unique") == 0,
                "YES".equalsIgnoreCase(r.getString("Null"))));
        Map<String, List<KeyPart>> byName = new LinkedHashMap<>();
        for (KeyPart p : parts) {
            if (!p.keyName().equals("PRIMARY")) {
                byName.computeIfAbsent(p.keyName(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (List<KeyPart> key : byName.values()) {
            key.sort((a, b) -> Integer.compare(a.seq(), b.seq()));
            indexes.add(new Index(key.stream().map(KeyPart::column).toList(), key.get(0).unique(),
                    key.stream().anyMatch(KeyPart::nullable)));
        }
        return indexes;
    }

    /** The column of a key part; a MySQL 8 functional key part is {@code (<expression>)}. */
    private static String keyColumn(ResultSet r) throws SQLException {
        String column = r.getString("Column_name");
        if (column != null) {
            return column;
        }
        ResultSetMetaData meta = r.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase("Expression")) {
                return "(" + r.getString(i).replace("\\'", "'") + ")";
            }
        }
        return null;
    }

    /** Every foreign key of the table, those to hidden tables ({@code ~external_<store>}) included, ordered as declared. */
    public static List<ForeignKey> foreignKeys(Connection connection, String database, String table) {
        record Row(String constraint, String parent, String column, String parentColumn) {
        }
        List<Row> rows = connection.query("SELECT constraint_name, referenced_table_schema, referenced_table_name, column_name,"
                        + " referenced_column_name FROM information_schema.key_column_usage"
                        + " WHERE table_schema = ? AND table_name = ? AND referenced_table_name IS NOT NULL"
                        + " ORDER BY constraint_name, ordinal_position",
                r -> new Row(r.getString(1), TableNames.fullName(r.getString(2), r.getString(3)), r.getString(4), r.getString(5)),
                database, table);
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Map<String, String>> columnsOf = new LinkedHashMap<>();
        for (Row row : rows) {
            parentOf.put(row.constraint(), row.parent());
            columnsOf.computeIfAbsent(row.constraint(), k -> new LinkedHashMap<>()).put(row.column(), row.parentColumn());
        }
        List<String> constraints = new ArrayList<>(columnsOf.keySet());
        constraints.sort(HeadingReader::compareConstraintNames);
        return constraints.stream().map(c -> new ForeignKey(parentOf.get(c), columnsOf.get(c))).toList();
    }

    /**
     * Orders a table's foreign-key constraint names as they were declared: the server numbers
     * them, so {@code t_ibfk_2} comes before {@code t_ibfk_10}.
     */
    public static int compareConstraintNames(String a, String b) {
        Matcher ma = CONSTRAINT_NUMBER.matcher(a);
        Matcher mb = CONSTRAINT_NUMBER.matcher(b);
        if (ma.find() && mb.find()) {
            return Long.compare(Long.parseLong(ma.group(1)), Long.parseLong(mb.group(1)));
        }
        return a.compareTo(b);
    }

    /** Column → store, for the columns with a foreign key to {@code ~external_<store>}. */
    static Map<String, String> externalStores(List<ForeignKey> keys) {
        Map<String, String> stores = new HashMap<>();
        for (ForeignKey fk : keys) {
            String parent = TableName.parse(fk.table()).table();
            if (parent.startsWith("~external_") && fk.attrMap().size() == 1) {
                stores.put(fk.attrMap().keySet().iterator().next(), parent.substring("~external_".length()));
            }
        }
        return stores;
    }

    private static Set<String> mariaDbJsonColumns(Connection connection, String database, String table) {
        Set<String> columns = new HashSet<>();
        for (String clause : connection.query("SELECT check_clause FROM information_schema.check_constraints"
                + " WHERE constraint_schema = ? AND table_name = ?", r -> r.getString(1), database, table)) {
            jsonCheckColumn(clause).ifPresent(columns::add);
        }
        return columns;
    }

    /** The column a MariaDB check clause {@code json_valid(`col`)} makes a JSON column, if it is one. */
    static Optional<String> jsonCheckColumn(String checkClause) {
        Matcher m = JSON_CHECK.matcher(checkClause.strip());
        return m.matches() ? Optional.of(m.group("column")) : Optional.empty();
    }

    private static boolean isHidden(String fullName) {
        return TableName.parse(fullName).table().startsWith("~");
    }
}
