package org.dovetail.ops.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dovetail.ops.Durations;
import org.dovetail.ops.OperationPlan;

/**
 * The rows of a periphery table that no row of any child table refers to and that are older than
 * the grace period: what {@code cleanup rows apply} would delete. The anti-join is built from
 * each foreign key's attribute map (so renamed foreign keys count, and a NULL in a nullable
 * foreign key is no reference), never from shared attribute names.
 */
public final class RowsPlan implements OperationPlan {
    private final Header header;
    private final String table;
    private final Duration grace;
    private final AgeAttribute age;
    private final List<String> children;
    private final List<String> primaryKey;
    private final List<List<Object>> keys;
    private final String ownerColumn;
    private final Map<String, Long> byOwner;
    private final long rows;

    RowsPlan(Header header, String table, Duration grace, AgeAttribute age, List<String> children, List<String> primaryKey,
             List<List<Object>> keys, String ownerColumn, Map<String, Long> byOwner, long rows) {
        this.header = header;
        this.table = table;
        this.grace = grace;
        this.age = age;
        this.children = List.copyOf(children);
        this.primaryKey = List.copyOf(primaryKey);
        this.keys = List.copyOf(keys);
        this.ownerColumn = ownerColumn;
        this.byOwner = new LinkedHashMap<>(byOwner);
        this.rows = rows;
    }

    @Override
    public Header header() {
        return header;
    }

    /** The table, {@code `db`.`tbl`}. */
    public String table() {
        return table;
    }

    public Duration grace() {
        return grace;
    }

    /** The attribute that dates the rows, if any. */
    public Optional<String> ageAttribute() {
        return age.attribute();
    }

    /** The primary keys of the rows to delete, in {@link #primaryKey()} order. */
    public List<List<Object>> keys() {
        return keys;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    /** The rows to delete per value of the owner column (empty without one). */
    public Map<String, Long> byOwner() {
        return byOwner;
    }

    @Override
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    @Override
    public Optional<String> refusal() {
        if (!grace.isZero() && age.name() == null) {
            return Optional.of("Refused by rule no-age-attribute: " + table + " has no attribute to judge a row's age by (" + age.reason()
                    + "); name one with --age-column, or pass --grace 0 to delete unreferenced rows of any age. Nothing was done.");
        }
        return Optional.empty();
    }

    /** The one-line summary. */
    public String summary() {
        return "cleanup rows plan " + table + ": " + keys.size() + " of " + rows + " rows unreferenced and older than " + Durations.format(grace)
                + refusal().map(r -> "; REFUSED").orElse("");
    }

    @Override
    public String toText() {
        StringBuilder text = new StringBuilder("Rows of ").append(table).append(" that no child row refers to, older than ")
                .append(Durations.format(grace)).append('\n');
        text.append("  age: ").append(age.name() == null ? "none" : age.name()).append(" (").append(age.reason()).append(")\n");
        children.forEach(c -> text.append("  child: ").append(c).append('\n'));
        keys.forEach(k -> text.append("    ").append(key(k)).append('\n'));
        byOwner.forEach((owner, n) -> text.append("  ").append(ownerColumn).append(" = ").append(owner).append(": ").append(n).append(" rows\n"));
        text.append(refusal().orElse(keys.isEmpty() ? "Nothing to clean up." : "Would delete " + keys.size() + " rows of " + rows + "."))
                .append('\n');
        return text.toString();
    }

    private String key(List<Object> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < primaryKey.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(primaryKey.get(i)).append('=').append(values.get(i));
        }
        return text.toString();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("table", table);
        json.put("grace", Durations.format(grace));
        json.put("ageAttribute", age.name());
        json.put("ageReason", age.reason());
        ArrayNode c = json.putArray("children");
        children.forEach(c::add);
        json.put("rows", rows);
        json.put("toDelete", keys.size());
        refusal().ifPresent(r -> json.put("refusal", r));
        json.put("summary", summary());
        ArrayNode list = json.putArray("keys");
        for (List<Object> k : keys) {
            ObjectNode key = list.addObject();
            for (int i = 0; i < primaryKey.size(); i++) {
                Object v = k.get(i);
                if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                    key.put(primaryKey.get(i), ((Number) v).longValue());
                } else if (v instanceof Number n) {
                    key.put(primaryKey.get(i), n.doubleValue());
                } else {
                    key.put(primaryKey.get(i), v == null ? null : v.toString());
                }
            }
        }
        if (ownerColumn != null) {
            ObjectNode owners = json.putObject("byOwner");
            byOwner.forEach(owners::put);
        }
        return json;
    }

    @Override
    public List<String> columns() {
        return primaryKey;
    }

    @Override
    public List<List<Object>> rows() {
        return new ArrayList<>(keys);
    }
}
