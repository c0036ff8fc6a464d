package org.dovetail.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dovetail.InvalidOperationException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.graph.DependencyGraph;

/**
 * What a drop will drop: the table and every table that depends on it, parents first, with the
 * rows each holds. Nothing is dropped until {@link #execute()}, which drops children first.
 *
 * <pre>{@code
 * DropPlan plan = schema.table("Session").dropPlan();
 * plan.tables();      // [`lab`.`session` (12 rows), `lab`.`session__trial` (480 rows)]
 * plan.execute();
 * }</pre>
 */
public final class DropPlan {
    private final Connection connection;
    private final List<TableRows> tables;

    private DropPlan(Connection connection, List<TableRows> tables) {
        this.connection = connection;
        this.tables = List.copyOf(tables);
    }

    static DropPlan of(Table table) {
        if (table.tier().orElse(null) == Tier.PART) {
            throw new InvalidOperationException("Cannot drop a Part directly.  Delete from master instead");
        }
        DependencyGraph graph = SchemaGraph.around(table.connection(), table.fullName());
        List<String> names = SchemaGraph.descendants(graph, table.fullName());
        for (String name : names) {
            graph.masterOf(name).filter(master -> !names.contains(master)).ifPresent(master -> {
                throw new InvalidOperationException("Attempt to drop part table " + name + " before dropping its master. Drop " + master + " first.");
            });
        }
        List<TableRows> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new TableRows(name, table.connection().queryValue("SELECT COUNT(*) FROM " + name, Long.class).orElse(0L)));
        }
        return new DropPlan(table.connection(), rows);
    }

    /** The tables to drop, parents first, with their row counts. */
    public List<TableRows> tables() {
        return tables;
    }

    /** Drops the tables, children first. DDL cannot be rolled back: a failure leaves the tables not yet dropped. */
    public void execute() {
        if (connection.inTransaction()) {
            throw new InvalidOperationException("Cannot drop tables inside a transaction: the server would commit it");
        }
        List<TableRows> childrenFirst = new ArrayList<>(tables);
        Collections.reverse(childrenFirst);
        for (TableRows t : childrenFirst) {
            String sql = "DROP TABLE " + t.table();
            connection.execute(sql);
            new SchemaLog(connection, TableName.parse(t.table()).schema()).log(sql);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (TableRows t : tables) {
            text.append(t.table()).append(" (").append(t.rows()).append(" tuples)\n");
        }
        return text.toString();
    }
}
