package org.dovetail.internal.heading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.internal.declare.CompiledTable;
import org.dovetail.internal.declare.TableNames;

/**
 * What the server stores for a table, in a form two tables can be compared by: columns as
 * {@code SHOW FULL COLUMNS} reports them, the primary key, indexes, foreign keys and the comment.
 * A definition's shape is read from a temporary copy of the table (without foreign keys), so the
 * server itself normalises types, defaults and comments.
 *
 * <pre>{@code
 * List<String> diff = TableShape.ofDefinition(conn, "lab", compiled)
 *         .differencesFrom(TableShape.ofTable(conn, "lab", "#subject"));
 * }</pre>
 */
public final class TableShape {
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "FOREIGN KEY \\((?<columns>[^)]*)\\) REFERENCES (?<parent>`(?:[^`]|``)+`\\.`(?:[^`]|``)+`) \\((?<parentColumns>[^)]*)\\)");

    private record Column(String name, String type, String nullable, String defaultValue, boolean autoIncrement, String comment) {
    }

    private record Key(List<String> columns, boolean unique) {
    }

    private final List<Column> columns;
    private final List<String> primaryKey;
    private final List<Key> indexes;
    private final List<String> foreignKeys;
    private final String comment;

    private TableShape(List<Column> columns, List<String> primaryKey, List<Key> indexes, List<String> foreignKeys, String comment) {
        this.columns = columns;
        this.primaryKey = primaryKey;
        this.indexes = indexes;
        this.foreignKeys = foreignKeys;
        this.comment = comment;
    }

    /** The shape of the existing table {@code `database`.`table`}. */
    public static TableShape ofTable(Connection connection, String database, String table) {
        List<String> foreignKeys = HeadingReader.foreignKeys(connection, database, table).stream()
                .map(fk -> describe(List.copyOf(fk.attrMap().keySet()), fk.table(), List.copyOf(fk.attrMap().values())))
                .toList();
        String comment = connection.queryValue("SELECT table_comment FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_name = ?", String.class, database, table).orElse("");
        return read(connection, database, table, foreignKeys, comment, false);
    }

    /**
     * The shape the compiled definition would have in {@code database}: created as a temporary
     * table (visible only to this session, dropped at once), foreign keys taken from the definition.
     */
    public static TableShape ofDefinition(Connection connection, String database, CompiledTable compiled) {
        String scratch = "~dovetail_" + UUID.randomUUID().toString().replace("-", "");
        List<String> foreignKeys = new ArrayList<>();
        for (String sql : compiled.foreignKeySql()) {
            Matcher m = FOREIGN_KEY.matcher(sql);
            if (m.find()) {
                foreignKeys.add(describe(names(m.group("columns")), m.group("parent"), names(m.group("parentColumns"))));
            }
        }
        String fullName = TableNames.fullName(database, scratch);
        connection.execute(compiled.createTemporaryTableSql(fullName));
        try {
            return read(connection, database, scratch, foreignKeys, compiled.tableComment(), true);
        } finally {
            connection.execute("DROP TEMPORARY TABLE IF EXISTS " + fullName);
        }
    }

    /** Every difference between this (the definition) and {@code existing} (the table in the database). */
    public List<String> differencesFrom(TableShape existing) {
        List<String> out = new ArrayList<>();
        if (!comment.equals(existing.comment)) {
            out.add("table comment: \"" + existing.comment + "\" in the database, \"" + comment + "\" in the definition");
        }
        List<String> mine = columns.stream().map(Column::name).toList();
        List<String> theirs = existing.columns.stream().map(Column::name).toList();
        if (!mine.equals(theirs)) {
            out.add("attributes: " + theirs + " in the database, " + mine + " in the definition");
        }
        for (Column c : columns) {
            existing.columns.stream().filter(e -> e.name().equals(c.name())).findFirst()
                    .filter(e -> !e.equals(c))
                    .ifPresent(e -> out.add("attribute `" + c.name() + "`: " + render(e) + " in the database, "
                            + render(c) + " in the definition"));
        }
        if (!primaryKey.equals(existing.primaryKey)) {
            out.add("primary key: " + existing.primaryKey + " in the database, " + primaryKey + " in the definition");
        }
        compareSorted("foreign keys", foreignKeys, existing.foreignKeys, out);
        compareSorted("indexes", indexes.stream().map(TableShape::render).toList(),
                existing.indexes.stream().map(TableShape::render).toList(), out);
        return out;
    }

    private static void compareSorted(String what, List<String> mine, List<String> theirs, List<String> out) {
        List<String> a = mine.stream().sorted().toList();
        List<String> b = theirs.stream().sorted().toList();
        if (!a.equals(b)) {
            out.add(what + ": " + b + " in the database, " + a + " in the definition");
        }
    }

    private static TableShape read(Connection connection, String database, String table, List<String> foreignKeys,
            String comment, boolean addForeignKeyIndexes) {
        String name = TableName.quote(database) + "." + TableName.quote(table);
        List<Column> columns = connection.query("SHOW FULL COLUMNS FROM " + name, r -> new Column(r.getString("Field"),
                        r.getString("Type"), r.getString("Null"), r.getString("Default"),
                        Objects.toString(r.getString("Extra"), "").toLowerCase(Locale.ROOT).contains("auto_increment"),
                        r.getString("Comment")))
                .stream().filter(c -> !c.name().startsWith("_")).toList();
        record Part(String key, int seq, String column, boolean unique) {
        }
        List<Part> parts = connection.query("SHOW KEYS FROM " + name,
                r -> new Part(r.getString("Key_name"), r.getInt("Seq_in_index"), r.getString("Column_name"), r.getInt("Non_unique") == 0));
        Map<String, List<Part>> byKey = new LinkedHashMap<>();
        parts.forEach(p -> byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p));
        List<String> primaryKey = List.of();
        List<Key> indexes = new ArrayList<>();
        for (var entry : byKey.entrySet()) {
            List<String> cols = entry.getValue().stream().sorted(Comparator.comparingInt(Part::seq)).map(Part::column).toList();
            if (entry.getKey().equals("PRIMARY")) {
                primaryKey = cols;
            } else {
                indexes.add(new Key(cols, entry.getValue().get(0).unique()));
            }
        }
        if (addForeignKeyIndexes) {
            addImpliedIndexes(primaryKey, indexes, foreignKeys);
        }
        return new TableShape(columns, primaryKey, indexes, foreignKeys, comment);
    }

    /** InnoDB adds an index for a foreign key unless an index (or the primary key) starts with its columns. */
    private static void addImpliedIndexes(List<String> primaryKey, List<Key> indexes, List<String> foreignKeys) {
        for (String fk : foreignKeys) {
            List<String> cols = names(fk.substring(1, fk.indexOf(')')));
            boolean covered = startsWith(primaryKey, cols) || indexes.stream().anyMatch(k -> startsWith(k.columns(), cols));
            if (!covered) {
                indexes.add(new Key(cols, false));
            }
        }
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }

    private static List<String> names(String backQuotedList) {
        return Arrays.stream(backQuotedList.split(",")).map(s -> s.strip().replace("`", "")).toList();
    }

    private static String describe(List<String> columns, String parent, List<String> parentColumns) {
        return "(" + String.join(",", columns) + ") -> " + parent + " (" + String.join(",", parentColumns) + ")";
    }

    private static String render(Column c) {
        return c.type() + ("YES".equals(c.nullable()) ? " null" : " not null")
                + (c.defaultValue() == null ? "" : " default " + c.defaultValue())
                + (c.autoIncrement() ? " auto_increment" : "")
                + (c.comment().isEmpty() ? "" : " comment \"" + c.comment() + "\"");
    }

    private static String render(Key k) {
        return (k.unique() ? "unique " : "") + "index (" + String.join(",", k.columns()) + ")";
    }
}
