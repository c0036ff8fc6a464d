package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * What {@code backup prune} deleted.
 *
 * @param target       the target's description
 * @param deletedSets  the sets deleted (manifest first, so none is ever half-deleted yet complete-looking)
 * @param objects      objects deleted from the object area
 * @param bytes        bytes freed
 */
public record PruneReport(String target, List<String> deletedSets, int objects, long bytes) implements Report {
    public PruneReport {
        deletedSets = List.copyOf(deletedSets);
    }

    /** The one-line summary. */
    public String summary() {
        return "Pruned " + target + ": " + deletedSets.size() + " set" + (deletedSets.size() == 1 ? "" : "s") + " and " + objects
                + " object" + (objects == 1 ? "" : "s") + " deleted, " + Sizes.human(bytes) + " freed";
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        deletedSets.forEach(s -> sb.append("  deleted ").append(s).append('\n'));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("target", target).put("summary", summary());
        deletedSets.forEach(json.putArray("deleted_sets")::add);
        json.put("objects_deleted", objects).put("bytes_freed", bytes);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("deleted_set");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        deletedSets.forEach(s -> out.add(List.of(s)));
        return out;
    }
}
