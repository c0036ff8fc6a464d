package org.dovetail.ops.migrate;

import java.util.List;

/**
 * What migrating one legacy column involves.
 *
 * @param column          the legacy column
 * @param store           the current store it maps to
 * @param rows            rows of the table
 * @param nulls           rows whose value is NULL (left NULL)
 * @param objects         distinct objects the column refers to
 * @param bytes           their total size (from {@code ~external})
 * @param missing         legacy hashes whose object is not in the store (first 100)
 * @param missingCount    number of objects not in the store
 * @param untracked       legacy hashes used by the column but absent from {@code ~external} (first 100)
 * @param statements      the DDL and DML the run will execute, in order
 * @param phase           how far an earlier run got: {@code planned}, {@code objects}, {@code references}, {@code swapped}
 */
public record ColumnPlan(LegacyColumn column, String store, long rows, long nulls, long objects, long bytes,
                         List<String> missing, long missingCount, List<String> untracked, List<String> statements,
                         String phase) {
    public ColumnPlan {
        missing = List.copyOf(missing);
        untracked = List.copyOf(untracked);
        statements = List.copyOf(statements);
    }

    /** True when every referenced object is present and tracked. */
    public boolean ready() {
        return missingCount == 0 && untracked.isEmpty();
    }
}
