package org.dovetail.ops.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dovetail.Dovetail;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.TableName;
import org.dovetail.connection.Connection;
import org.dovetail.graph.Dependency;
import org.dovetail.graph.DependencyGraph;
import org.dovetail.ops.Durations;
import org.dovetail.ops.Operation;
import org.dovetail.ops.OperationPlan;
import org.dovetail.schema.DeletePlan;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableRows;

/**
 * Cleanup of a periphery table ({@code IntervalList}-like): rows that no row of any child table
 * refers to, older than a grace period. The front door of {@code dovetail cleanup rows}.
 *
 * <pre>{@code
 * RowsCleanup rows = new RowsCleanup(dj);
 * RowsPlan plan = rows.plan("lab", "IntervalList", Duration.ofDays(7), null, "owner");
 * RowsReport report = rows.apply(plan);     // the regular cascade delete, recorded in the audit log
 * }</pre>
 *
 * <p>The anti-join has one {@code NOT EXISTS} per foreign key that references the table, from any
 * schema the account can see, matching the child's columns to the parent's as the key's
 * attribute map says — a renamed foreign key ({@code -> Parent.proj(new='old')}) matches on its
 * own names, and a NULL in a nullable foreign key refers to nothing. The apply locks the rows
 * that are still unreferenced and old ({@code FOR UPDATE}: an insert of a child row waits),
 * keeps those of the plan, and deletes them through the table's cascade plan, which must find
 * nothing below them; all in one transaction.
 */
public final class RowsCleanup {
    private final Dovetail dj;
    private final Connection conn;

    public RowsCleanup(Dovetail dj) {
        this.dj = dj;
        this.conn = dj.connection();
    }

    /**
     * Plans; read-only.
     *
     * @param schema      the schema
     * @param className   the table's class name (e.g. {@code IntervalList}, {@code Master.Part})
     * @param grace       rows younger than this are kept
     * @param ageColumn   the attribute that dates a row, or null to choose by {@link AgeAttribute}'s rules
     * @param ownerColumn an attribute to count the rows by, or null
     */
    public RowsPlan plan(String schema, String className, Duration grace, String ageColumn, String ownerColumn) {
        return plan(dj.schema(schema).table(className), grace, ageColumn, ownerColumn);
    }

    /** {@link #plan(String, String, Duration, String, String)} of a table already opened. */
    public RowsPlan plan(Table table, Duration grace, String ageColumn, String ownerColumn) {
        String schema = table.database();
        AgeAttribute age = AgeAttribute.choose(table.heading(), ageColumn);
        if (ownerColumn != null && table.heading().find(ownerColumn).isEmpty()) {
            throw new DovetailException(ErrorCode.USAGE, "--owner-column " + ownerColumn + ": " + table.fullName() + " has no such attribute");
        }
        List<Dependency> children = DependencyGraph.load(conn, schema).children(table.fullName());
        List<String> pk = table.heading().primaryKey();
        List<String> described = children.stream().map(RowsCleanup::describe).toList();
        long rows = conn.queryValue("SELECT COUNT(*) FROM " + table.fullName(), Long.class).orElse(0L);
        OperationPlan.Header header = OperationPlan.Header.of(StoreCleanup.OPERATION, table.fullName(),
                "rows " + schema + "." + table.className() + " --grace " + Durations.format(grace) + (age.name() == null ? "" : " --age-column " + age.name()))
                .validFor(Duration.ofHours(24));
        if (!grace.isZero() && age.name() == null) {
            return new RowsPlan(header, table.fullName(), grace, age, described, pk, List.of(), ownerColumn, Map.of(), rows);
        }
        List<String> columns = new ArrayList<>(pk);
        if (ownerColumn != null) {
            columns.add(ownerColumn);
        }
        List<List<Object>> keys = new ArrayList<>();
        Map<String, Long> byOwner = new TreeMap<>();
        conn.query(candidates(table, children, columns, age, grace, false), r -> {
            List<Object> key = new ArrayList<>();
            for (int i = 1; i <= pk.size(); i++) {
                key.add(r.getObject(i));
            }
            keys.add(key);
            if (ownerColumn != null) {
                byOwner.merge(String.valueOf(r.getObject(pk.size() + 1)), 1L, Long::sum);
            }
            return null;
        }, grace.toSeconds());
        return new RowsPlan(header, table.fullName(), grace, age, described, pk, keys, ownerColumn, new LinkedHashMap<>(byOwner), rows);
    }

    /** Carries a plan out through {@link Operation} (lock on the table, audit record). */
    public RowsReport apply(RowsPlan plan) {
        return Operation.<RowsPlan, RowsReport>of(conn, this::run).apply(plan);
    }

    private RowsReport run(RowsPlan plan) {
        if (plan.isEmpty()) {
            return new RowsReport(plan.header(), plan.table(), List.of(), 0);
        }
        TableName name = TableName.parse(plan.table());
        Table table = dj.schema(name.schema()).freeTable(name.table());
        List<Dependency> children = DependencyGraph.load(conn, name.schema()).children(table.fullName());
        AgeAttribute age = new AgeAttribute(plan.ageAttribute().orElse(null), "");
        List<String> pk = plan.primaryKey();
        Set<List<String>> planned = new HashSet<>();
        plan.keys().forEach(k -> planned.add(k.stream().map(String::valueOf).toList()));
        return conn.transaction(() -> {
            List<Map<String, Object>> still = new ArrayList<>();
            conn.query(candidates(table, children, pk, age, plan.grace(), true), r -> {
                Map<String, Object> key = new LinkedHashMap<>();
                List<String> text = new ArrayList<>();
                for (int i = 0; i < pk.size(); i++) {
                    Object v = r.getObject(i + 1);
                    key.put(pk.get(i), v);
                    text.add(String.valueOf(v));
                }
                if (planned.contains(text)) {
                    still.add(key);
                }
                return null;
            }, plan.grace().toSeconds());
            if (still.isEmpty()) {
                return new RowsReport(plan.header(), plan.table(), List.of(), plan.keys().size());
            }
            DeletePlan delete = table.restrict(still).deletePlan();
            for (TableRows t : delete.tables()) {
                if (!t.table().equals(table.fullName()) && t.rows() > 0) {
                    throw new DovetailException(ErrorCode.REFUSED, "Refused: deleting the unreferenced rows of " + table.fullName()
                            + " would cascade to " + t.rows() + " rows of " + t.table() + "; nothing was deleted: plan again");
                }
            }
            delete.execute();
            List<List<Object>> deleted = still.stream().map(k -> (List<Object>) new ArrayList<Object>(k.values())).toList();
            return new RowsReport(plan.header(), plan.table(), deleted, plan.keys().size() - deleted.size());
        });
    }

    /** The unreferenced rows older than the grace period (one parameter: the grace in seconds). */
    private static String candidates(Table table, List<Dependency> children, List<String> columns, AgeAttribute age, Duration grace,
                                     boolean lock) {
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(String.join(", ", columns.stream().map(c -> "p." + TableName.quote(c)).toList()));
        sql.append(" FROM ").append(table.fullName()).append(" p WHERE ");
        sql.append(age.name() == null || grace.isZero() ? "? >= 0" : "p." + TableName.quote(age.name()) + " <= NOW() - INTERVAL ? SECOND");
        for (Dependency d : children) {
            List<String> match = new ArrayList<>();
            d.attrMap().forEach((child, parent) -> match.add("c." + TableName.quote(child) + " = p." + TableName.quote(parent)));
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(d.child()).append(" c WHERE ").append(String.join(" AND ", match)).append(')');
        }
        if (lock) {
            sql.append(" FOR UPDATE");
        }
        return sql.toString();
    }

    private static String describe(Dependency d) {
        StringBuilder text = new StringBuilder(d.child()).append(" (");
        List<String> pairs = new ArrayList<>();
        d.attrMap().forEach((child, parent) -> pairs.add(child.equals(parent) ? child : child + " -> " + parent));
        text.append(String.join(", ", pairs)).append(')');
        if (d.aliased()) {
            text.append(", renamed");
        }
        return text.toString();
    }
}
