package org.dovetail.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dovetail.IntegrityException;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;

/**
 * What a cascading delete will delete: every table reached, with its row count, parents first.
 * Nothing is deleted until {@link #execute()}, which deletes leaves first in one transaction.
 *
 * <pre>{@code
 * DeletePlan plan = session.restrict(Map.of("subject_id", 7)).deletePlan();
 * plan.tables().forEach(t -> System.out.println(t.table() + ": " + t.rows()));
 * long deleted = plan.execute();
 * }</pre>
 */
public final class DeletePlan {
    private final Connection connection;
    private final String root;
    private final List<TableRows> tables;
    private final Map<String, Table> restricted;

    DeletePlan(Connection connection, String root, List<TableRows> tables, Map<String, Table> restricted) {
        this.connection = connection;
        this.root = root;
        this.tables = List.copyOf(tables);
        this.restricted = restricted;
    }

    /** The table the delete starts from. */
    public String root() {
        return root;
    }

    /** Every table reached, parents before children, with the rows that would be deleted (zero included). */
    public List<TableRows> tables() {
        return tables;
    }

    /** Rows of the starting table that would be deleted. */
    public long rootRows() {
        return tables.get(0).rows();
    }

    /** Rows that would be deleted in all tables. */
    public long totalRows() {
        return tables.stream().mapToLong(TableRows::rows).sum();
    }

    /**
     * Deletes the planned rows, leaves first, in one transaction (the caller's, if one is open).
     * Rows added since planning that match the restrictions are deleted too.
     *
     * @return the rows deleted from the starting table
     * @throws IntegrityException if rows of a table the account cannot see depend on the rows; nothing is deleted then
     */
    public long execute() {
        if (totalRows() == 0) {
            return 0;
        }
        boolean ownTransaction = !connection.inTransaction();
        List<TableRows> deleted = ownTransaction ? connection.transaction(this::deleteAll) : deleteAll();
        long rootDeleted = 0;
        for (TableRows t : deleted) {
            // ~log is written after our commit only: creating it inside a transaction would commit that transaction
            if (ownTransaction) {
                new SchemaLog(connection, TableName.parse(t.table()).schema()).log("Deleted " + t.rows() + " rows from " + t.table());
            }
            if (t.table().equals(root)) {
                rootDeleted = t.rows();
            }
        }
        return rootDeleted;
    }

    private List<TableRows> deleteAll() {
        List<TableRows> leavesFirst = new ArrayList<>(tables);
        Collections.reverse(leavesFirst);
        List<TableRows> deleted = new ArrayList<>();
        for (TableRows t : leavesFirst) {
            if (t.rows() == 0) {
                continue;
            }
            Table table = restricted.get(t.table());
            long n;
            try {
                n = table.deleteQuick();
            } catch (IntegrityException e) {
                throw new IntegrityException("Cannot delete from " + t.table() + ": rows of a table this account cannot see depend on"
                        + " them (" + e.getMessage() + "). Nothing was deleted. Ask for SELECT on the schemas that reference "
                        + t.table() + " so that the cascade can reach them.", e.errorCode(), e.sql(), e);
            }
            deleted.add(new TableRows(t.table(), n));
        }
        return deleted;
    }

    /** The plan as text: one line per table with rows to delete. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (TableRows t : tables) {
            if (t.rows() > 0) {
                text.append(t.table()).append(": ").append(t.rows()).append(" rows\n");
            }
        }
        return text.toString();
    }
}
