package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dovetail.Report;

/**
 * What one {@code run} command did, schema by schema, and what {@code --relocate} did after it.
 * {@link Outcome#REFUSED} when a column was left alone (missing objects, foreign values): nothing
 * was changed for it, and running again after the cause is fixed resumes.
 *
 * @param runs        one report per schema
 * @param relocations one per schema when relocating, else empty
 * @param relocated   whether {@code --relocate} ran (the JSON then holds both lists)
 */
public record RunSummary(List<RunReport> runs, List<RelocateReport> relocations, boolean relocated) implements Report {
    public RunSummary {
        runs = List.copyOf(runs);
        relocations = List.copyOf(relocations);
    }

    @Override
    public Outcome outcome() {
        return runs.stream().allMatch(RunReport::complete) ? Outcome.OK : Outcome.REFUSED;
    }

    @Override
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (RunReport r : runs) {
            out.append(String.format("schema %s%n", r.schema()));
            for (RunReport.ColumnResult c : r.columns()) {
                out.append(String.format("  `%s`.`%s` -> blob@%s: %s (%d objects hashed, %d missing, %d references rewritten)%s%n",
                        c.table(), c.column(), c.store(), outcome(c), c.objectsHashed(), c.objectsMissing(), c.rowsUpdated(),
                        c.reason() == null ? "" : ": " + c.reason()));
            }
        }
        for (RelocateReport r : relocations) {
            out.append(String.format("schema %s relocated: %d objects copied (%d already in place), %d references switched, %d old rows"
                    + " and %d legacy objects removed, %d missing objects left as they were%n", r.schema(), r.objectsCopied(),
                    r.objectsInPlace(), r.references(), r.oldRows(), r.oldObjects(), r.skipped()));
        }
        return out.toString();
    }

    /** The list of run reports; with relocation, {@code {"runs": [...], "relocations": [...]}}. */
    @Override
    public JsonNode toJson() {
        if (!relocated) {
            return MigrationJson.of(runs);
        }
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("runs", runs);
        both.put("relocations", relocations);
        return MigrationJson.of(both);
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "table", "column", "store", "outcome", "objects_hashed", "objects_missing", "rows_updated", "reason");
    }

    @Override
    public List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (RunReport r : runs) {
            for (RunReport.ColumnResult c : r.columns()) {
                rows.add(List.of(r.schema(), c.table(), c.column(), c.store(), outcome(c), c.objectsHashed(), c.objectsMissing(),
                        c.rowsUpdated(), c.reason() == null ? "" : c.reason()));
            }
        }
        return rows;
    }

    private static String outcome(RunReport.ColumnResult c) {
        return c.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
