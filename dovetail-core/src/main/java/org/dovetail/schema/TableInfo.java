package org.dovetail.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Optional;
import org.dovetail.internal.declare.TableNames;

/**
 * A table of a schema as DataJoint sees it: SQL name, tier and class name.
 *
 * <pre>{@code
 * for (TableInfo t : schema.tables()) {
 *     System.out.println(t.className() + " (" + t.tier().displayName() + ") " + t.fullName());
 * }
 * }</pre>
 *
 * @param schema    the schema (database) name
 * @param tableName the SQL table name, e.g. {@code _recording__channel}
 * @param tier      the tier read from the name
 * @param className DataJoint's class name, e.g. {@code Recording.Channel}
 */
public record TableInfo(String schema, String tableName, Tier tier, String className) {

    /** The table of {@code tableName} in {@code schema}; empty tier for names DataJoint ignores. */
    static Optional<TableInfo> of(String schema, String tableName) {
        return Tier.ofSqlName(tableName).map(tier -> new TableInfo(schema, tableName, tier, TableNames.className(tableName)));
    }

    /** {@code `schema`.`tableName`}. */
    @JsonIgnore
    public String fullName() {
        return TableNames.fullName(schema, tableName);
    }
}
