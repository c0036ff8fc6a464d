package org.dovetail.ops.migrate;

import java.util.List;

/**
 * The result of {@code verify}: every migrated reference followed to its object.
 *
 * @param schema     the schema
 * @param references references checked
 * @param problems   what does not resolve, decode or match (first 1000)
 * @param remaining  legacy or half-migrated columns still in the schema
 */
public record MigrationCheck(String schema, long references, List<String> problems, List<String> remaining) {
    public MigrationCheck {
        problems = List.copyOf(problems);
        remaining = List.copyOf(remaining);
    }

    /** True when every migrated reference resolves and no legacy column is left. */
    public boolean passed() {
        return problems.isEmpty() && remaining.isEmpty();
    }
}
