package org.dovetail.ops.migrate;

import org.dovetail.TableName;
import org.dovetail.store.ExternalStore;

/** The statements of a column's migration, as the plan shows them and the run executes them. */
final class MigrationSql {
    static final int CHUNK = 50_000;

    private MigrationSql() {}

    /** A string literal for a comment (quotes and backslashes escaped). */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** The column's table, quoted: {@code `schema`.`table`}. */
    static String table(LegacyColumn c) {
        return TableName.of(c.schema(), c.table()).quoted();
    }

    static String temp(LegacyColumn c) {
        return c.column() + LegacyCatalog.TEMP_SUFFIX;
    }

    static String comment(LegacyColumn c, String store) {
        return ":blob@" + store + ":" + c.comment();
    }

    static String addTemp(LegacyColumn c, String store) {
        return "ALTER TABLE " + table(c) + " ADD COLUMN " + TableName.quote(temp(c))
                + " binary(16) DEFAULT NULL COMMENT " + literal(comment(c, store)) + " AFTER " + TableName.quote(c.column());
    }

    /**
     * Fills the temporary column from the legacy one in one set-based statement per chunk: the new
     * reference is MD5 of {@code <schema>/<legacy hash>}, computed by the server.
     */
    static String fillTemp(LegacyColumn c) {
        return "UPDATE " + table(c) + " SET " + TableName.quote(temp(c)) + " = UNHEX(MD5(CONCAT("
                + literal(c.schema() + "/") + ", " + TableName.quote(c.column()) + "))) WHERE " + TableName.quote(c.column()) + " IS NOT NULL AND "
                + TableName.quote(temp(c)) + " IS NULL LIMIT " + CHUNK;
    }

    /**
     * The column's new tracking rows in one statement, from what the ledger recorded for its
     * objects: the hash is MD5 of {@code <schema>/<legacy hash>} and the filepath that path, both
     * computed by the server (as {@link #fillTemp} computes the references). Repeatable.
     */
    static String insertTracking(LegacyColumn c, String store) {
        String path = "CONCAT(" + literal(c.schema() + "/") + ", o.legacy_hash)";
        String col = TableName.quote(c.column());
        return "INSERT INTO " + ExternalStore.trackingTable(c.schema(), store).quoted()
                + " (hash, size, filepath, contents_hash) SELECT UNHEX(MD5(" + path + ")), o.size, " + path + ", o.contents_hash"
                + " FROM (SELECT DISTINCT " + col + " AS h FROM " + table(c) + " WHERE " + col
                + " IS NOT NULL) d JOIN " + TableName.of(c.schema(), MigrationLedger.OBJECTS).quoted() + " o ON o.legacy_hash = d.h"
                + " ON DUPLICATE KEY UPDATE hash = hash";
    }

    static String countUnfilled(LegacyColumn c) {
        return "SELECT COUNT(*) FROM " + table(c) + " WHERE " + TableName.quote(c.column())
                + " IS NOT NULL AND " + TableName.quote(temp(c)) + " IS NULL";
    }

    /**
     * The swap, in one statement: drop the legacy foreign key and column, give the new column the
     * legacy column's name, position and nullability, and reference the new tracking table.
     */
    static String swap(LegacyColumn c, String store) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(table(c)).append(' ');
        if (c.constraint() != null) {
            sql.append("DROP FOREIGN KEY ").append(TableName.quote(c.constraint())).append(", ");
        }
        sql.append("DROP COLUMN ").append(TableName.quote(c.column())).append(", CHANGE COLUMN ").append(TableName.quote(temp(c))).append(' ')
                .append(TableName.quote(c.column())).append(" binary(16) ").append(c.nullable() ? "DEFAULT NULL" : "NOT NULL")
                .append(" COMMENT ").append(literal(comment(c, store)))
                .append(c.previousColumn() == null ? " FIRST" : " AFTER " + TableName.quote(c.previousColumn()))
                .append(", ADD FOREIGN KEY (").append(TableName.quote(c.column())).append(") REFERENCES ")
                .append(ExternalStore.trackingTable(c.schema(), store).quoted()).append(" (`hash`) ON UPDATE RESTRICT ON DELETE RESTRICT");
        return sql.toString();
    }
}
