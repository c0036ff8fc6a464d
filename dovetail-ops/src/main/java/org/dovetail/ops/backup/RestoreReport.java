package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dovetail.Report;

/**
 * What {@code backup restore} did: the schemas restored, rows, objects written back or found in
 * place, and the problems found (a dangling foreign key, an object that could not be written).
 * FAILED when there is any problem.
 *
 * @param target       the target's description
 * @param set          the set restored
 * @param destinations where each schema went
 * @param rowsLoaded   rows loaded
 * @param objects      per destination schema: {objects written, objects already in place}
 * @param notes        what the restore noticed
 * @param problems     what is wrong with the result
 * @param ms           how long it took
 */
public record RestoreReport(String target, String set, List<RestorePlan.Destination> destinations, long rowsLoaded, Map<String, long[]> objects,
                            List<String> notes, List<String> problems, long ms) implements Report {
    /** The one-line summary. */
    public String summary() {
        long written = objects.values().stream().mapToLong(c -> c[0]).sum();
        long present = objects.values().stream().mapToLong(c -> c[1]).sum();
        return (problems.isEmpty() ? "restored " : "restored with problems ") + set + ": " + destinations.size() + " schema"
                + (destinations.size() == 1 ? "" : "s") + " (" + String.join(", ", destinations.stream().map(d -> d.source() + " -> " + d.name()).toList())
                + "), " + rowsLoaded + " rows, " + written + " objects written, " + present + " already in place, in "
                + String.format("%.1f s", ms / 1000.0);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        problems.forEach(p -> sb.append("  problem: ").append(p).append('\n'));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("target", target).put("set", set).put("rows", rowsLoaded).put("ms", ms)
                .put("summary", summary());
        ArrayNode d = json.putArray("schemas");
        for (RestorePlan.Destination x : destinations) {
            long[] c = objects.getOrDefault(x.name(), new long[2]);
            d.addObject().put("source", x.source()).put("name", x.name()).put("objects_written", c[0]).put("objects_present", c[1]);
        }
        ArrayNode n = json.putArray("notes");
        notes.forEach(n::add);
        ArrayNode p = json.putArray("problems");
        problems.forEach(p::add);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("source", "schema", "objects_written", "objects_present");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        for (RestorePlan.Destination x : destinations) {
            long[] c = objects.getOrDefault(x.name(), new long[2]);
            out.add(List.of(x.source(), x.name(), c[0], c[1]));
        }
        return out;
    }

    @Override
    public Outcome outcome() {
        return problems.isEmpty() ? Outcome.OK : Outcome.FAILED;
    }
}
