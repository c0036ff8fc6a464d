package org.dovetail.ops.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code jobs clear} or {@code jobs release-stale} would delete from {@code ~jobs}, made
 * without changing anything, and (for release-stale) the reservations it would keep and why.
 * Applied by {@link JobsAdmin#apply}.
 *
 * @param header          operation {@code jobs}, the schema as scope, the request as action
 * @param entries         the rows to delete
 * @param kept            reservations left alone (release-stale), with the reason
 * @param staleAfter      release-stale: the heartbeat silence that makes a Java reservation dead; else null
 * @param pythonOlderThan release-stale: the age past which a reservation without heartbeat is released, or null
 */
public record JobsPlan(Header header, List<Entry> entries, List<Entry> kept, Duration staleAfter, Duration pythonOlderThan)
        implements OperationPlan {
    public JobsPlan {
        entries = List.copyOf(entries);
        kept = List.copyOf(kept);
    }

    /** Why a row is in the plan, which decides how the apply re-checks it. */
    public enum Kind {
        /** An error or ignore row to delete. */
        CLEAR,
        /** A Java worker's reservation, judged by its heartbeat. */
        JAVA_STALE,
        /** A reservation without a heartbeat (DataJoint-Python's), judged by its age. */
        NO_HEARTBEAT
    }

    /**
     * One row and why.
     *
     * @param row  the row as planned
     * @param kind how it is judged
     * @param why  the reason in words
     */
    public record Entry(JobRow row, Kind kind, String why) {
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(header.action()).append(" in ").append(header.scope()).append(": ")
                .append(entries.isEmpty() ? "nothing to delete" : entries.size() + (entries.size() == 1 ? " row" : " rows") + " to delete")
                .append('\n');
        entries.forEach(e -> line(sb, "delete", e));
        kept.forEach(e -> line(sb, "keep  ", e));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String verb, Entry e) {
        sb.append("  ").append(verb).append("  ").append(e.row().job().tableName()).append(' ').append(e.row().keyText())
                .append("  (").append(e.why()).append(")\n");
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        if (staleAfter != null) {
            json.put("stale_after_seconds", staleAfter.toMillis() / 1000.0);
        }
        if (pythonOlderThan != null) {
            json.put("python_older_than_seconds", pythonOlderThan.toMillis() / 1000.0);
        }
        entries(json.putArray("delete"), entries);
        entries(json.putArray("keep"), kept);
        return json;
    }

    private static void entries(ArrayNode array, List<Entry> entries) {
        entries.forEach(e -> array.add(e.row().toJson().put("why", e.why())));
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("action", "why"));
        columns.addAll(JobRow.COLUMNS);
        return columns;
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        entries.forEach(e -> rows.add(row("delete", e)));
        kept.forEach(e -> rows.add(row("keep", e)));
        return rows;
    }

    private static List<Object> row(String action, Entry e) {
        List<Object> row = new ArrayList<>(List.of(action, e.why()));
        row.addAll(e.row().cells());
        return row;
    }
}
