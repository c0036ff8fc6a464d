package org.dovetail.ops.migrate;

import java.util.List;

/**
 * The read-only plan of a legacy-storage migration of one schema.
 *
 * @param schema          the schema
 * @param columns         one plan per legacy column (columns already migrated by an earlier run included)
 * @param legacyTable     whether {@code ~external} still exists
 * @param orphanRows      rows of {@code ~external} that no column refers to (left behind, as upstream does)
 * @param otherSessions   other connections using the schema right now (0.11 clients must be stopped)
 */
public record MigrationPlan(String schema, List<ColumnPlan> columns, boolean legacyTable, long orphanRows,
                            List<String> otherSessions) {
    public MigrationPlan {
        columns = List.copyOf(columns);
        otherSessions = List.copyOf(otherSessions);
    }

    /** True when nothing is left to migrate. */
    public boolean done() {
        return columns.stream().allMatch(c -> c.phase().equals("swapped"));
    }
}
