package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dovetail.Report;

/**
 * The plans of one {@code plan} command, one per schema: text with every column's figures and
 * statements, JSON as the array of {@link MigrationPlan}s, and one CSV row per column.
 */
public record PlanReport(List<MigrationPlan> plans) implements Report {
    public PlanReport {
        plans = List.copyOf(plans);
    }

    @Override
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (MigrationPlan plan : plans) {
            out.append(String.format("schema %s%s%n", plan.schema(), plan.done() ? ": nothing left to migrate" : ""));
            if (!plan.otherSessions().isEmpty()) {
                out.append(String.format("  WARNING: other sessions use the schema (a run refuses): %s%n", plan.otherSessions()));
            }
            for (ColumnPlan c : plan.columns()) {
                out.append(String.format("  %s (%s) -> blob@%s [%s]%n", c.column().label(), c.column().legacyStore(), c.store(), c.phase()));
                if (c.phase().equals("swapped")) {
                    continue;
                }
                out.append(String.format("    %d rows, %d NULL, %d objects, %d bytes, %d missing from the store%n", c.rows(), c.nulls(),
                        c.objects(), c.bytes(), c.missingCount()));
                c.missing().forEach(m -> out.append("    missing: ").append(m).append('\n'));
                c.untracked().forEach(u -> out.append("    cannot migrate: ").append(u).append('\n'));
                c.statements().forEach(s -> out.append("    ").append(s).append(";\n"));
            }
            if (plan.orphanRows() > 0) {
                out.append(String.format("  %d rows of ~external are referenced by no column (dropped with ~external at finalize;"
                        + " their objects stay)%n", plan.orphanRows()));
            }
        }
        return out.toString();
    }

    @Override
    public JsonNode toJson() {
        return MigrationJson.of(plans);
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "table", "column", "legacy_store", "store", "phase", "rows", "nulls", "objects", "bytes", "missing");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (MigrationPlan plan : plans) {
            for (ColumnPlan c : plan.columns()) {
                rows.add(List.of(plan.schema(), c.column().table(), c.column().column(), c.column().legacyStore(), c.store(), c.phase(),
                        c.rows(), c.nulls(), c.objects(), c.bytes(), c.missingCount()));
            }
        }
        return rows;
    }
}
