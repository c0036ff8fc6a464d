package org.dovetail.ops.backup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * What {@code backup create} wrote: the set, its status and its figures. FAILED when the set is
 * not complete (DDL during the run, objects missing).
 *
 * @param target   the target's description
 * @param manifest the set's manifest
 */
public record CreateReport(String target, Manifest manifest) implements Report {
    /** The one-line summary, e.g. {@code backup-20261203 complete: 2 schemas, 16 tables, 134 rows, 1.2 MB, 56 objects (3 copied) in 1.4 s}. */
    public String summary() {
        long tables = manifest.schemas().stream().mapToLong(s -> s.tables().size()).sum();
        return manifest.set() + " " + manifest.status() + ": " + manifest.schemas().size() + " schema" + (manifest.schemas().size() == 1 ? "" : "s")
                + ", " + tables + " tables, " + manifest.rows() + " rows, " + Sizes.human(manifest.bytes()) + ", " + manifest.objects().size()
                + " objects, in " + String.format("%.1f s", manifest.durations().totalMs() / 1000.0) + " (commits blocked "
                + manifest.snapshot().commitBlockMs() + " ms, " + manifest.snapshot().method() + ") to " + target;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        for (String note : manifest.notes()) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = (ObjectNode) manifest.toJson();
        json.put("target", target);
        json.put("summary", summary());
        return json;
    }

    /** What the audit log keeps of a run: the set, its status, notes and totals, not every file and object. */
    ObjectNode auditJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("target", target).put("set", manifest.set())
                .put("status", manifest.status()).put("summary", summary()).put("rows", manifest.rows()).put("bytes", manifest.bytes())
                .put("objects", manifest.objects().size());
        ArrayNode notes = json.putArray("notes");
        manifest.notes().forEach(notes::add);
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "table", "rows", "row_hash", "units");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> out = new ArrayList<>();
        for (Manifest.SchemaEntry s : manifest.schemas()) {
            for (Manifest.TableEntry t : s.tables()) {
                out.add(List.of(s.name(), t.name(), t.rows(), t.rowHash(), t.units().size()));
            }
        }
        return out;
    }

    @Override
    public Outcome outcome() {
        return manifest.isComplete() ? Outcome.OK : Outcome.FAILED;
    }
}
