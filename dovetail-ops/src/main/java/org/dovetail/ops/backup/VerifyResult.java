package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * What {@code backup verify} found in a set: every problem names the file, object or table
 * (a corrupted or missing file, a missing object, a truncated manifest, a row count or row hash
 * that differs after a test restore). FAILED when there is any.
 *
 * @param target      the target's description
 * @param set         the set checked
 * @param files       files checked
 * @param objects     objects checked
 * @param tables      tables compared after a test restore (0 without {@code --restore-test})
 * @param problems    what is wrong
 */
public record VerifyResult(String target, String set, int files, int objects, int tables, List<String> problems) implements Report {
    public VerifyResult {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean verified() {
        return problems.isEmpty();
    }

    /** The one-line summary. */
    public String summary() {
        return set + (problems.isEmpty() ? " verified" : " FAILED verification (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ")")
                + ": " + files + " files, " + objects + " objects" + (tables > 0 ? ", " + tables + " tables restored and compared" : "")
                + " in " + target;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        problems.forEach(p -> sb.append("  problem: ").append(p).append('\n'));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("target", target).put("set", set).put("verified", verified())
                .put("files", files).put("objects", objects).put("tables", tables).put("summary", summary());
        ArrayNode p = json.putArray("problems");
        problems.forEach(p::add);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("set", "problem");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        problems.forEach(p -> out.add(List.of(set, p)));
        return out;
    }

    @Override
    public Outcome outcome() {
        return problems.isEmpty() ? Outcome.OK : Outcome.FAILED;
    }
}
