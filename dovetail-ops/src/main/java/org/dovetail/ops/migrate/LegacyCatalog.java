package org.dovetail.ops.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dovetail.connection.Connection;

/**
 * Finds legacy external columns through the catalog: by type and comment, so that a column whose
 * foreign key to {@code ~external} was dropped by hand is found too.
 */
final class LegacyCatalog {
    /** The store is everything up to the next colon: a colon in the user's comment stays in the comment. */
    static final Pattern COMMENT = Pattern.compile("^:(external(?:-[^:]+)?):(.*)$", Pattern.DOTALL);
    static final String TEMP_SUFFIX = "_tempsub";

    private LegacyCatalog() {}

    /** Legacy columns of a schema, by table then position. */
    static List<LegacyColumn> legacyColumns(Connection conn, String schema) {
        Map<String, String> constraints = new HashMap<>();
        conn.query("SELECT table_name, column_name, constraint_name FROM information_schema.key_column_usage"
                        + " WHERE table_schema = ? AND referenced_table_name = '~external'",
                r -> constraints.put(r.getString(1) + "." + r.getString(2), r.getString(3)), schema);
        List<LegacyColumn> columns = new ArrayList<>();
        String previousTable = null;
        String previousColumn = null;
        for (String[] c : conn.query("SELECT table_name, column_name, column_comment, is_nullable, data_type"
                + " FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)}, schema)) {
            String table = c[0];
            if (!table.equals(previousTable)) {
                previousColumn = null;
                previousTable = table;
            }
            Matcher m = COMMENT.matcher(c[2] == null ? "" : c[2]);
            if (m.matches() && c[4].equalsIgnoreCase("char") && !c[1].endsWith(TEMP_SUFFIX)) {
                columns.add(new LegacyColumn(schema, table, c[1], m.group(1), m.group(2), "YES".equals(c[3]), previousColumn,
                        constraints.get(table + "." + c[1])));
            }
            if (!c[1].endsWith(TEMP_SUFFIX)) {
                previousColumn = c[1];
            }
        }
        return columns;
    }

    static boolean tableExists(Connection conn, String schema, String table) {
        return conn.queryValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                Long.class, schema, table).orElse(0L) > 0;
    }

    static boolean columnExists(Connection conn, String schema, String table, String column) {
        return conn.queryValue("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " AND column_name = ?", Long.class, schema, table, column).orElse(0L) > 0;
    }

    /** Foreign keys (table.column) that still reference {@code ~external}, from any schema. */
    static List<String> referencesToLegacyTable(Connection conn, String schema) {
        return conn.query("SELECT CONCAT(table_schema, '.', table_name, '.', column_name) FROM information_schema.key_column_usage"
                + " WHERE referenced_table_schema = ? AND referenced_table_name = '~external'", r -> r.getString(1), schema);
    }
}
