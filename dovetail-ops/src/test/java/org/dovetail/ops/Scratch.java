package org.dovetail.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.dovetail.Report;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;

/**
 * A small real operation for the tests of the shape: a plan adds rows to a table of a scratch
 * schema, and its fingerprint is the table's row count, so a row added behind its back makes it
 * stale. {@code during} runs inside the work, after the first row, where a test fails or stops it.
 */
final class Scratch {
    static final String OPERATION = "scratch";

    private final Connection conn;
    private final TableName table;

    Scratch(Connection conn, String schema) {
        this.conn = conn;
        this.table = TableName.of(schema, "rows");
    }

    void create() {
        conn.execute("CREATE DATABASE IF NOT EXISTS " + TableName.quote(table.schema()));
        conn.execute("CREATE TABLE IF NOT EXISTS " + table.quoted() + " (id int NOT NULL AUTO_INCREMENT PRIMARY KEY)");
    }

    long count() {
        return conn.queryValue("SELECT COUNT(*) FROM " + table.quoted(), Long.class).orElseThrow();
    }

    String fingerprint() {
        return "rows=" + count();
    }

    /** A plan to add {@code rows} rows, stamped with the current fingerprint. */
    AddRows plan(int rows) {
        return new AddRows(OperationPlan.Header.of(OPERATION, table.schema(), "add " + rows + " rows").withFingerprint(fingerprint()), rows);
    }

    /** The operation, recording in {@code audit}; {@code during} runs after the first row. */
    Operation<AddRows, Added> operation(AuditLog audit, Consumer<AddRows> during) {
        return Operation.<AddRows, Added>of(conn, plan -> {
            for (int i = 0; i < plan.count(); i++) {
                conn.execute("INSERT INTO " + table.quoted() + " () VALUES ()");
                if (i == 0) {
                    during.accept(plan);
                }
            }
            return new Added(plan.count());
        }).checkingFingerprint(plan -> fingerprint()).recordingIn(audit);
    }

    record AddRows(Header header, int count) implements OperationPlan {
        @Override
        public boolean isEmpty() {
            return count == 0;
        }

        @Override
        public String toText() {
            return header.action() + "\n";
        }

        @Override
        public ObjectNode toJson() {
            return header.toJson().put("rows", count);
        }

        @Override
        public List<String> columns() {
            return List.of("rows");
        }

        @Override
        public List<List<Object>> rows() {
            return List.of(List.of(count));
        }
    }

    record Added(int count) implements Report {
        @Override
        public String toText() {
            return count + " rows added\n";
        }

        @Override
        public ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("added", count);
        }

        @Override
        public List<String> columns() {
            return List.of("added");
        }

        @Override
        public List<List<Object>> rows() {
            return List.of(List.of(count));
        }
    }
}
