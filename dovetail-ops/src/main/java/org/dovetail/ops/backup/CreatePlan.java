package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code backup create} would back up: the schemas matched, with their tables and rows as
 * {@code information_schema} estimates them, and the target. Making it changes nothing.
 *
 * @param header  operation {@code backup}, scope the target
 * @param request the request
 * @param target  the target's description
 * @param tables  estimated rows of each matched schema's tables, by schema then table
 */
public record CreatePlan(Header header, BackupRequest request, String target, Map<String, Map<String, Long>> tables) implements OperationPlan {
    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("Back up " + tables.size() + " schema" + (tables.size() == 1 ? "" : "s") + " to " + target
                + " (" + request.threads() + " thread" + (request.threads() == 1 ? "" : "s") + ", " + request.compression().manifestName()
                + ", label " + request.label() + "):\n");
        tables.forEach((schema, t) -> sb.append("  ").append(schema).append(": ").append(t.size()).append(" tables, ~")
                .append(t.values().stream().mapToLong(Long::longValue).sum()).append(" rows\n"));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("target", target);
        json.put("threads", request.threads());
        json.put("compression", request.compression().manifestName());
        json.put("label", request.label());
        ArrayNode schemas = json.putArray("schemas");
        tables.forEach((schema, t) -> {
            ObjectNode s = schemas.addObject().put("name", schema);
            ObjectNode rows = s.putObject("tables");
            t.forEach(rows::put);
        });
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "table", "rows_estimate");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        tables.forEach((schema, t) -> t.forEach((table, rows) -> out.add(List.of(schema, table, rows))));
        return out;
    }
}
