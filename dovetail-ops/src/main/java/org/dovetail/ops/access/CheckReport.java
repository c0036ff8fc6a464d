package org.dovetail.ops.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dovetail.Report;

/**
 * The server settings that matter for access and for DataJoint ({@code dovetail access check}).
 *
 * <pre>{@code
 * CheckReport check = access.check();
 * check.withStatus(CheckReport.Status.WARN).forEach(i -> System.err.println(i.name() + ": " + i.note()));
 * }</pre>
 *
 * @param items one line per setting or finding
 */
public record CheckReport(List<Item> items) implements Report {
    public CheckReport {
        items = List.copyOf(items);
    }

    /** How a finding rates. */
    public enum Status { OK, INFO, WARN, UNKNOWN }

    /**
     * One setting or finding.
     *
     * @param name   what was checked, e.g. {@code max_allowed_packet}
     * @param value  what the server says
     * @param status how it rates
     * @param note   what it means and what to do
     */
    public record Item(String name, String value, Status status, String note) {}

    /** The items with this status. */
    public List<Item> withStatus(Status status) {
        return items.stream().filter(i -> i.status() == status).toList();
    }

    /** {@code FAILED} when an item warns: the server's setup needs attention. */
    @Override
    public Outcome outcome() {
        return withStatus(Status.WARN).isEmpty() ? Outcome.OK : Outcome.FAILED;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        int width = items.stream().mapToInt(i -> i.name().length()).max().orElse(0);
        for (Item i : items) {
            sb.append(String.format("%-7s %-" + width + "s  %s%n", i.status(), i.name(), i.value()));
            if (!i.note().isEmpty()) {
                sb.append(String.format("%-7s %-" + width + "s  %s%n", "", "", i.note()));
            }
        }
        return sb.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("checks");
        items.forEach(i -> array.addObject().put("name", i.name()).put("value", i.value())
                .put("status", i.status().name().toLowerCase(Locale.ROOT)).put("note", i.note()));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("status", "name", "value", "note");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        items.forEach(i -> rows.add(List.of(i.status().name(), i.name(), i.value(), i.note())));
        return rows;
    }
}
