package org.dovetail.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.internal.declare.TableNames;
import org.dovetail.internal.heading.HeadingReader;

/** DataJoint's two {@code information_schema} queries: primary keys (nodes) and foreign keys (edges). */
final class GraphQueries {
    /** One column of one foreign key. */
    record ForeignKeyRow(String constraint, String child, String parent, String column, String parentColumn) {
    }

    private final Connection connection;

    GraphQueries(Connection connection) {
        this.connection = connection;
    }

    /** Primary-key columns of the non-hidden tables of {@code schemas}, by full name, in schema and table order. */
    Map<String, List<String>> primaryKeys(Collection<String> schemas) {
        if (schemas.isEmpty()) {
            return Map.of();
        }
        return primaryKeys("table_schema IN (" + marks(schemas.size()) + ")", schemas.toArray());
    }

    /** Primary-key columns of the given tables (full names). */
    Map<String, List<String>> primaryKeysOf(Collection<String> tables) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String table : tables) {
            TableName name = TableName.parse(table);
            keys.putAll(primaryKeys("table_schema = ? AND table_name = ?", name.schema(), name.table()));
        }
        return keys;
    }

    private Map<String, List<String>> primaryKeys(String where, Object... params) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        connection.query("SELECT table_schema, table_name, column_name FROM information_schema.key_column_usage"
                        + " WHERE table_name NOT LIKE '~%' AND constraint_name = 'PRIMARY' AND " + where
                        + " ORDER BY table_schema, table_name, ordinal_position",
                r -> keys.computeIfAbsent(TableNames.fullName(r.getString(1), r.getString(2)), k -> new ArrayList<>())
                        .add(r.getString(3)), params);
        return keys;
    }

    /**
     * The columns of every foreign key into or out of {@code schemas} (those to hidden tables
     * excluded), ordered by child table, then by constraint in declaration order.
     */
    List<ForeignKeyRow> foreignKeys(Collection<String> schemas) {
        if (schemas.isEmpty()) {
            return List.of();
        }
        String in = "(" + marks(schemas.size()) + ")";
        List<Object> params = new ArrayList<>(schemas);
        params.addAll(schemas);
        List<ForeignKeyRow> rows = new ArrayList<>(connection.query("SELECT constraint_name, table_schema, table_name,"
                        + " referenced_table_schema, referenced_table_name, column_name, referenced_column_name"
                        + " FROM information_schema.key_column_usage"
                        + " WHERE referenced_table_name NOT LIKE '~%' AND (referenced_table_schema IN " + in
                        + " OR referenced_table_schema IS NOT NULL AND table_schema IN " + in + ")"
                        + " ORDER BY table_schema, table_name, constraint_name, ordinal_position",
                r -> new ForeignKeyRow(r.getString(1), TableNames.fullName(r.getString(2), r.getString(3)),
                        TableNames.fullName(r.getString(4), r.getString(5)), r.getString(6), r.getString(7)),
                params.toArray()));
        rows.sort(Comparator.comparing(ForeignKeyRow::child)
                .thenComparing(ForeignKeyRow::constraint, HeadingReader::compareConstraintNames));
        return rows;
    }

    /** The rows grouped into dependencies, with flags from each child's primary key. */
    static List<Dependency> dependencies(List<ForeignKeyRow> rows, Function<String, List<String>> primaryKeyOf) {
        record Key(String constraint, String child, String parent) {
        }
        Map<Key, Map<String, String>> columns = new LinkedHashMap<>();
        for (ForeignKeyRow row : rows) {
            columns.computeIfAbsent(new Key(row.constraint(), row.child(), row.parent()), k -> new LinkedHashMap<>())
                    .put(row.column(), row.parentColumn());
        }
        List<Dependency> result = new ArrayList<>();
        columns.forEach((k, attrMap) -> result.add(dependency(k.parent(), k.child(), k.constraint(), attrMap,
                primaryKeyOf.apply(k.child()))));
        return result;
    }

    /** A dependency with DataJoint's flags: primary, aliased, multi. */
    static Dependency dependency(String parent, String child, String constraint, Map<String, String> attrMap,
            List<String> childKey) {
        boolean primary = childKey.containsAll(attrMap.keySet());
        boolean aliased = attrMap.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
        boolean multi = !attrMap.keySet().containsAll(childKey);
        return new Dependency(parent, child, constraint, attrMap, primary, aliased, multi);
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
