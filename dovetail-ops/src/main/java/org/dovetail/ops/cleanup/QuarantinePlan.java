package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dovetail.ops.OperationPlan;

/**
 * Objects in a store's quarantine and what to do with them: list them, move them back (restore),
 * or delete them (purge).
 */
public final class QuarantinePlan implements OperationPlan {
    /** What the plan does with its entries. */
    public enum Action { LIST, RESTORE, PURGE }

    private final Header header;
    private final Action action;
    private final String store;
    private final List<Quarantine.Entry> entries;

    QuarantinePlan(Header header, Action action, String store, List<Quarantine.Entry> entries) {
        this.header = header;
        this.action = action;
        this.store = store;
        this.entries = List.copyOf(entries);
    }

    @Override
    public Header header() {
        return header;
    }

    public Action action() {
        return action;
    }

    public String store() {
        return store;
    }

    public List<Quarantine.Entry> entries() {
        return entries;
    }

    public long bytes() {
        return entries.stream().mapToLong(Quarantine.Entry::size).sum();
    }

    @Override
    public boolean isEmpty() {
        return action == Action.LIST || entries.isEmpty();
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append("  ").append(e.date()).append("  ").append(e.path()).append("  ").append(e.size()).append(" bytes\n"));
        String verb = switch (action) {
            case LIST -> "in quarantine";
            case RESTORE -> "would be moved back";
            case PURGE -> "would be deleted (unless a tracking row names them again)";
        };
        return text.append(entries.size()).append(" objects (").append(bytes()).append(" bytes) of store ").append(store).append(' ')
                .append(verb).append('\n').toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("store", store);
        json.put("quarantineAction", action.name());
        json.put("count", entries.size());
        json.put("bytes", bytes());
        ArrayNode list = json.putArray("entries");
        entries.forEach(e -> list.addObject().put("date", e.date().toString()).put("path", e.path()).put("size", e.size()));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("date", "path", "size");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        entries.forEach(e -> rows.add(Arrays.asList(e.date().toString(), e.path(), e.size())));
        return rows;
    }
}
