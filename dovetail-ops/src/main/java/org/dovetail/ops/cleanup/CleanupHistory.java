package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dovetail.Report;
import org.dovetail.connection.Connection;
import org.dovetail.ops.AuditLog;

/**
 * The cleanups recorded in the audit log, newest first: who ran which plan when, how it ended,
 * and the counts and bytes from its report ({@code dovetail cleanup history}).
 */
public final class CleanupHistory implements Report {
    /**
     * One cleanup.
     *
     * @param entry   the audit record
     * @param rows    tracking or periphery rows deleted
     * @param objects objects moved to quarantine (or, for a purge, deleted; for a restore, moved back)
     * @param bytes   their bytes
     */
    public record Item(AuditLog.Entry entry, long rows, long objects, long bytes) {}

    private final List<Item> entries;

    private CleanupHistory(List<Item> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The latest {@code limit} cleanups of the log the connection's configuration names. */
    public static CleanupHistory read(Connection conn, int limit) {
        List<Item> items = new ArrayList<>();
        for (AuditLog.Entry e : AuditLog.on(conn).history(Math.max(limit * 10, 100))) {
            if (!StoreCleanup.OPERATION.equals(e.operation()) || items.size() >= limit) {
                continue;
            }
            JsonNode r = e.report();
            long rows = r == null ? 0 : r.path("rowsDeleted").asLong();
            long objects = r == null ? 0 : r.path("moved").asLong() + r.path("purged").asLong() + r.path("restored").asLong();
            long bytes = r == null ? 0 : r.path("bytes").asLong();
            items.add(new Item(e, rows, objects, bytes));
        }
        return new CleanupHistory(items);
    }

    public List<Item> entries() {
        return entries;
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Item i : entries) {
            AuditLog.Entry e = i.entry();
            text.append(e.started()).append("  ").append(e.account()).append(" (").append(e.client()).append(")  ").append(e.outcome())
                    .append("  ").append(e.action()).append("  rows ").append(i.rows()).append(", objects ").append(i.objects())
                    .append(", bytes ").append(i.bytes()).append('\n');
        }
        return text.append(entries.size()).append(" cleanups\n").toString();
    }

    @Override
    public JsonNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Item i : entries) {
            AuditLog.Entry e = i.entry();
            array.addObject().put("id", e.id()).put("started", String.valueOf(e.started())).put("finished", String.valueOf(e.finished()))
                    .put("account", e.account()).put("client", e.client()).put("scope", e.scope()).put("action", e.action())
                    .put("outcome", e.outcome()).put("rows", i.rows()).put("objects", i.objects()).put("bytes", i.bytes());
        }
        return array;
    }

    @Override
    public List<String> columns() {
        return List.of("started", "account", "client", "outcome", "action", "rows", "objects", "bytes");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Item i : entries) {
            AuditLog.Entry e = i.entry();
            rows.add(Arrays.asList(String.valueOf(e.started()), e.account(), e.client(), e.outcome(), e.action(), i.rows(), i.objects(), i.bytes()));
        }
        return rows;
    }
}
