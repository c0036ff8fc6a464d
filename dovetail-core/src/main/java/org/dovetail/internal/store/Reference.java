package org.dovetail.internal.store;

/**
 * A column that refers to a tracking table: {@code `schema`.`table`.`column`}.
 *
 * @param schema the referencing table's schema
 * @param table  the referencing table
 * @param column the referencing column
 */
public record Reference(String schema, String table, String column) {
    @Override
    public String toString() {
        return "`" + schema + "`.`" + table + "`.`" + column + "`";
    }
}
