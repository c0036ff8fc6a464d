package org.dovetail.schema;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.graph.DependencyGraph;

/** The dependency graph around a table: its schema and every schema its descendants live in, transitively. */
final class SchemaGraph {
    private SchemaGraph() {
    }

    static DependencyGraph around(Connection connection, String fullName) {
        Set<String> schemas = new LinkedHashSet<>(List.of(TableName.parse(fullName).schema()));
        while (true) {
            DependencyGraph graph = DependencyGraph.load(connection, schemas);
            Set<String> more = new HashSet<>();
            for (String table : graph.tables()) {
                String schema = TableName.parse(table).schema();
                if (!schemas.contains(schema)) {
                    more.add(schema);
                }
            }
            if (more.isEmpty()) {
                return graph;
            }
            schemas.addAll(more);
        }
    }

    /** The descendants of {@code table} (itself first) without alias nodes. */
    static List<String> descendants(DependencyGraph graph, String table) {
        return graph.descendants(table).stream().filter(t -> !DependencyGraph.isAliasNode(t)).toList();
    }
}
