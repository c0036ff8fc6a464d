package org.dovetail.store;

import java.time.Duration;
import java.util.List;

/**
 * The tracking rows of one schema and store that nothing refers to and that are older than the
 * age gate: what a cleanup would remove. Computing it changes nothing.
 *
 * @param schema the schema
 * @param store  the store name
 * @param minAge rows younger than this are left alone (an insert may be in flight)
 * @param rows   the unused rows
 */
public record UnusedPlan(String schema, String store, Duration minAge, List<TrackingRow> rows) {
    public UnusedPlan {
        rows = List.copyOf(rows);
    }

    /** Total size of the unused objects in bytes. */
    public long bytes() {
        return rows.stream().mapToLong(TrackingRow::size).sum();
    }
}
