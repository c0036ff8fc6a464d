package org.dovetail.ops.migrate;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A column of DataJoint 0.11's legacy external type: {@code char(51)} holding
 * {@code base64url(SHA-256(blob))[0:43] + store suffix}, comment {@code :external[-<name>]:<comment>}.
 *
 * @param schema         the schema
 * @param table          the table
 * @param column         the column
 * @param legacyStore    {@code external} or {@code external-<name>}
 * @param comment        the user's comment (after the type prefix; may contain colons)
 * @param nullable       whether the column admits NULL
 * @param previousColumn the column before it (to keep its position), or null if it is first
 * @param constraint     its foreign key to {@code ~external}, or null if there is none
 */
public record LegacyColumn(String schema, String table, String column, String legacyStore, String comment,
                           boolean nullable, String previousColumn, String constraint) {

    /** The store suffix that ends every hash of this column ({@code ""} for plain {@code external}). */
    @JsonIgnore
    public String suffix() {
        return legacyStore.equals("external") ? "" : legacyStore.substring("external-".length());
    }

    /** {@code `table`.`column`} */
    public String label() {
        return "`" + table + "`.`" + column + "`";
    }
}
