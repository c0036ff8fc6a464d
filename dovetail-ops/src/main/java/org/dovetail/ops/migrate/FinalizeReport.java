package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dovetail.Report;

/**
 * What {@code finalize} did to one schema.
 *
 * @param schema  the schema
 * @param dropped true when {@code ~external} was dropped, false when it was gone already
 */
public record FinalizeReport(String schema, boolean dropped) implements Report {
    @Override
    public String toText() {
        return String.format("`%s`.`~external`: %s%n", schema, dropped ? "dropped" : "already gone");
    }

    @Override
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("schema", schema).put("dropped", dropped);
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "dropped");
    }

    @Override
    public List<List<Object>> rows() {
        return List.of(List.of(schema, dropped));
    }
}
