package org.dovetail.ops.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * What applying a {@link JobsPlan} did: the rows deleted, and the planned rows left alone because
 * they had changed since the plan (re-reserved, failed again, a heartbeat came back).
 *
 * @param action  the plan's action
 * @param schema  the schema
 * @param deleted rows deleted from {@code ~jobs}
 * @param changed rows that were no longer as planned: left alone
 */
public record JobsChange(String action, String schema, List<JobsPlan.Entry> deleted, List<JobsPlan.Entry> changed) implements Report {
    public JobsChange {
        deleted = List.copyOf(deleted);
        changed = List.copyOf(changed);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(action).append(" in ").append(schema).append(": ").append(deleted.size())
                .append(deleted.size() == 1 ? " row deleted" : " rows deleted");
        if (!changed.isEmpty()) {
            sb.append(", ").append(changed.size()).append(" changed since the plan and left alone");
        }
        sb.append('\n');
        deleted.forEach(e -> sb.append("  deleted  ").append(e.row().job().tableName()).append(' ').append(e.row().keyText()).append('\n'));
        changed.forEach(e -> sb.append("  changed  ").append(e.row().job().tableName()).append(' ').append(e.row().keyText()).append('\n'));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("action", action);
        json.put("schema", schema);
        json.put("deleted_count", deleted.size());
        rows(json.putArray("deleted"), deleted);
        rows(json.putArray("changed"), changed);
        return json;
    }

    private static void rows(ArrayNode array, List<JobsPlan.Entry> entries) {
        entries.forEach(e -> array.add(e.row().toJson()));
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("result"));
        columns.addAll(JobRow.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        deleted.forEach(e -> rows.add(row("deleted", e)));
        changed.forEach(e -> rows.add(row("changed", e)));
        return rows;
    }

    private static List<Object> row(String result, JobsPlan.Entry e) {
        List<Object> row = new ArrayList<>(List.of(result));
        row.addAll(e.row().cells());
        return row;
    }
}
