package org.dovetail.ops.migrate;

import java.util.List;

/**
 * What a migration run did, column by column.
 *
 * @param schema  the schema
 * @param columns one result per legacy column
 */
public record RunReport(String schema, List<ColumnResult> columns) {
    public RunReport {
        columns = List.copyOf(columns);
    }

    /** True when every column is migrated. */
    public boolean complete() {
        return columns.stream().allMatch(c -> c.outcome() == Outcome.MIGRATED || c.outcome() == Outcome.ALREADY_MIGRATED);
    }

    /** What happened to a column. */
    public enum Outcome { MIGRATED, ALREADY_MIGRATED, NOT_MIGRATED }

    /**
     * @param table          table
     * @param column         column
     * @param store          the store it now uses
     * @param outcome        what happened
     * @param objectsHashed  objects hashed by this run
     * @param objectsMissing objects that were not in the store (migrated with an empty contents hash only when accepted)
     * @param rowsUpdated    references rewritten by this run
     * @param reason         why a column was not migrated, else null
     */
    public record ColumnResult(String table, String column, String store, Outcome outcome, long objectsHashed,
                               long objectsMissing, long rowsUpdated, String reason) {}
}
