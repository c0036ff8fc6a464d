package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovetail.Report;

/** {@code backup list}: the sets of a target, oldest first, each with its status, size and contents. */
public final class SetList implements Report {
    private final String target;
    private final List<SetCatalog.Entry> sets;

    SetList(String target, List<SetCatalog.Entry> sets) {
        this.target = target;
        this.sets = List.copyOf(sets);
    }

    /** The names of the sets whose manifest says complete. */
    public List<String> complete() {
        return sets.stream().filter(s -> s.state() == SetCatalog.State.COMPLETE).map(SetCatalog.Entry::name).toList();
    }

    /** Every set's name with its status ({@code complete}, {@code invalid}, {@code incomplete}, {@code unfinished}, {@code damaged}). */
    public List<String> statuses() {
        return sets.stream().map(s -> s.name() + " " + status(s)).toList();
    }

    private static String status(SetCatalog.Entry s) {
        return s.state().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(sets.size() + " set" + (sets.size() == 1 ? "" : "s") + " in " + target + "\n");
        for (List<Object> row : rows()) {
            sb.append(String.format("  %-32s %-10s %-22s %8s rows %10s %s%n", row.toArray()));
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("target", target);
        ArrayNode array = json.putArray("sets");
        for (SetCatalog.Entry s : sets) {
            ObjectNode o = array.addObject().put("name", s.name()).put("status", status(s)).put("files", s.files()).put("bytes", s.bytes());
            if (s.manifest() != null) {
                Manifest m = s.manifest();
                o.put("started_at", m.startedAt()).put("completed_at", m.completedAt()).put("rows", m.rows()).put("objects", m.objects().size());
                ArrayNode schemas = o.putArray("schemas");
                m.schemas().forEach(x -> schemas.add(x.name()));
            }
            if (s.problem() != null) {
                o.put("problem", s.problem());
            }
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("set", "status", "started", "rows", "bytes", "schemas");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        for (SetCatalog.Entry s : sets) {
            Manifest m = s.manifest();
            out.add(List.of(s.name(), status(s), m == null ? "" : m.startedAt(), m == null ? "" : m.rows(), Sizes.human(s.bytes()),
                    m == null ? (s.problem() == null ? "" : s.problem()) : String.join(",", m.schemas().stream().map(Manifest.SchemaEntry::name).toList())));
        }
        return out;
    }
}
