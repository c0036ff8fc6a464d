package org.dovetail.ops.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dovetail.Report;
import org.dovetail.ops.Durations;

/**
 * Rows of a schema's {@code ~jobs}: what {@code jobs list} and {@code jobs errors} print. As text,
 * one block per row with the decoded key, the status, who holds or failed it, its age, and the
 * error message; as JSON and CSV, every column.
 *
 * @param schema the schema
 * @param jobs   the rows, oldest first
 */
public record JobsReport(String schema, List<JobRow> jobs) implements Report {
    public JobsReport {
        jobs = List.copyOf(jobs);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(schema).append(": ").append(jobs.size()).append(jobs.size() == 1 ? " job row" : " job rows").append('\n');
        for (JobRow row : jobs) {
            sb.append("  ").append(row.job().status().sqlValue()).append("  ").append(row.job().tableName()).append(' ').append(row.keyText())
                    .append("  ").append(Durations.text(row.age())).append(" ago  by ").append(row.job().user()).append(" on ")
                    .append(row.job().host()).append(" pid ").append(row.job().pid());
            if (row.hasHeartbeat()) {
                sb.append("  heartbeat ").append(Durations.text(row.heartbeatSilent())).append(" ago");
            }
            sb.append('\n');
            if (!row.job().errorMessage().isEmpty()) {
                sb.append("      ").append(row.job().errorMessage().replace("\n", "\n      ")).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("schema", schema);
        ArrayNode array = json.putArray("jobs");
        jobs.forEach(j -> array.add(j.toJson()));
        return json;
    }

    @Override
    public List<String> columns() {
        return JobRow.COLUMNS;
    }

    @Override
    public List<List<Object>> rows() {
        return jobs.stream().map(JobRow::cells).toList();
    }
}
