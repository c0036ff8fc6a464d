package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code backup restore} would do: which schema of the set goes where, what is there now,
 * and whether the set verified. Refused when a destination holds tables (unless replacing) or the
 * set does not verify (unless told).
 *
 * @param header       operation {@code backup}, scope the target
 * @param request      the request
 * @param target       the target's description
 * @param manifest     the set's manifest
 * @param destinations each restored schema, what is there, and what happens to it
 * @param problems     what the set's check found (empty: it verified)
 */
public record RestorePlan(Header header, RestoreRequest request, String target, Manifest manifest, List<Destination> destinations,
                          List<String> problems) implements OperationPlan {
    /**
     * One schema to restore.
     *
     * @param source      its name in the set
     * @param name        the name it is restored under
     * @param tables      tables it has now (0: absent or empty)
     * @param interrupted the set an interrupted restore left in it, or null
     */
    public record Destination(String source, String name, int tables, String interrupted) {
        /** True when the schema is dropped first: replacing it, or finishing an interrupted restore. */
        boolean dropsFirst(boolean replace) {
            return interrupted != null || (replace && tables > 0);
        }
    }

    @Override
    public boolean isEmpty() {
        return destinations.isEmpty();
    }

    /** True when applying drops schemas that hold tables (the command line then wants {@code --yes}). */
    public boolean replaces() {
        return destinations.stream().anyMatch(d -> d.tables() > 0 && d.interrupted() == null && request.replace());
    }

    @Override
    public Optional<String> refusal() {
        if (!problems.isEmpty() && !request.unverified()) {
            return Optional.of("The set " + manifest.set() + " does not verify (" + String.join("; ", problems)
                    + "): nothing restored (restore it anyway with --unverified)");
        }
        for (Destination d : destinations) {
            if (d.tables() > 0 && d.interrupted() == null && !request.replace()) {
                return Optional.of("The schema " + d.name() + " exists and holds " + d.tables() + " tables: nothing restored (restore under another"
                        + " name with --as " + d.source() + "=NEW, or replace it with --replace --yes)");
            }
        }
        return Optional.empty();
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("Restore " + manifest.set() + " from " + target + ":\n");
        for (Destination d : destinations) {
            sb.append("  ").append(d.source()).append(" -> ").append(d.name());
            if (d.interrupted() != null) {
                sb.append(" (an interrupted restore of ").append(d.interrupted()).append(" is there: restored again from the start)");
            } else if (d.tables() > 0) {
                sb.append(request.replace() ? " (replaces its " + d.tables() + " tables)" : " (exists with " + d.tables() + " tables)");
            }
            sb.append('\n');
        }
        problems.forEach(p -> sb.append("  problem: ").append(p).append('\n'));
        refusal().ifPresent(r -> sb.append("refused: ").append(r).append('\n'));
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson().put("target", target).put("set", manifest.set());
        ArrayNode d = json.putArray("schemas");
        for (Destination x : destinations) {
            ObjectNode o = d.addObject().put("source", x.source()).put("name", x.name()).put("tables", x.tables());
            if (x.interrupted() != null) {
                o.put("interrupted_restore_of", x.interrupted());
            }
        }
        ArrayNode p = json.putArray("problems");
        problems.forEach(p::add);
        refusal().ifPresent(r -> json.put("refusal", r));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("source", "schema", "tables_now", "interrupted_restore_of");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        destinations.forEach(d -> out.add(List.of(d.source(), d.name(), d.tables(), d.interrupted() == null ? "" : d.interrupted())));
        return out;
    }
}
