package org.dovetail.ops.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Report;

/**
 * The keys of a target table that {@link JobsAdmin#prioritize} gave a priority.
 *
 * @param table    the target table's full name
 * @param priority the priority given (lower is sooner)
 * @param keys     the keys, of the table's key source
 */
public record JobsPriority(String table, int priority, List<Map<String, Object>> keys) implements Report {
    public JobsPriority {
        keys = List.copyOf(keys);
    }

    @Override
    public String toText() {
        return "priority " + priority + " for " + keys.size() + (keys.size() == 1 ? " key" : " keys") + " still to do in " + table
                + (keys.isEmpty() ? " (no key matched)" : "") + "\n";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("table", table);
        json.put("priority", priority);
        json.put("count", keys.size());
        ArrayNode array = json.putArray("keys");
        keys.forEach(k -> array.add(JobRow.keyJson(k)));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("table", "priority", "key");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        keys.forEach(k -> rows.add(List.of(table, priority, k.toString())));
        return rows;
    }
}
