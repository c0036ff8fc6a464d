package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code cleanup rows apply} deleted: the primary keys (recorded in the audit log with the
 * report), and how many planned rows it kept because they were referenced (or refreshed) since.
 *
 * @param header  the plan's header
 * @param table   the table
 * @param deleted the keys deleted
 * @param kept    planned rows no longer unreferenced or old enough, left alone
 */
public record RowsReport(OperationPlan.Header header, String table, List<List<Object>> deleted, long kept) implements Report {
    public RowsReport {
        deleted = List.copyOf(deleted);
    }

    public String summary() {
        return "cleanup rows apply " + table + ": " + deleted.size() + " rows deleted, " + kept + " kept (referenced or refreshed since planning)";
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        deleted.forEach(k -> text.append("  deleted ").append(k).append('\n'));
        return text.append(summary()).append('\n').toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("table", table);
        json.put("rowsDeleted", deleted.size());
        json.put("kept", kept);
        json.put("summary", summary());
        ArrayNode keys = json.putArray("deleted");
        deleted.forEach(k -> {
            ArrayNode key = keys.addArray();
            k.forEach(v -> key.add(v == null ? null : v.toString()));
        });
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("deleted");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        deleted.forEach(k -> rows.add(List.of(k.toString())));
        return rows;
    }
}
