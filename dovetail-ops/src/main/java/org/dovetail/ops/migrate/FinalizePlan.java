package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dovetail.ops.OperationPlan;

/**
 * What {@code finalize} would do to one schema: drop {@code ~external}, refused unless verify
 * passes and no foreign key refers to it; nothing to do when the table is gone already. Applying
 * it ({@link LegacyMigration#finalizeSchema(FinalizePlan)}) is refused as stale when a legacy
 * column or a foreign key to {@code ~external} appeared since the plan was made.
 *
 * <pre>{@code
 * FinalizePlan plan = migration.finalizePlan("lab_old");   // verifies; changes nothing
 * System.out.print(plan.toText());                          // would drop `lab_old`.`~external` (verify passes)
 * if (plan.refusal().isEmpty()) {
 *     migration.finalizeSchema(plan);
 * }
 * }</pre>
 *
 * @param header      operation {@code migrate}, the schema as scope, the fingerprint of its legacy columns and references
 * @param schema      the schema
 * @param legacyTable whether {@code ~external} still exists (false: nothing to do)
 * @param check       what verify found, or null when there is no legacy table
 * @param references  foreign keys (schema.table.column) that still refer to {@code ~external}
 */
public record FinalizePlan(Header header, String schema, boolean legacyTable, MigrationCheck check, List<String> references)
        implements OperationPlan {
    public FinalizePlan {
        references = List.copyOf(references);
    }

    /** True when {@code ~external} is gone already. */
    @Override
    public boolean isEmpty() {
        return !legacyTable;
    }

    /** Not ready (verify fails) or still referenced. */
    @Override
    public Optional<String> refusal() {
        if (!legacyTable) {
            return Optional.empty();
        }
        if (!check.passed()) {
            return Optional.of("Schema `" + schema + "` is not ready to finalize: " + check.remaining().size()
                    + " column(s) not migrated, " + check.problems().size() + " problem(s); run `verify` for the list");
        }
        if (!references.isEmpty()) {
            return Optional.of("`" + schema + "`.`~external` is still referenced by " + references);
        }
        return Optional.empty();
    }

    @Override
    public String toText() {
        if (!legacyTable) {
            return String.format("`%s`.`~external`: already gone, nothing to do%n", schema);
        }
        StringBuilder out = new StringBuilder(String.format("would drop `%s`.`~external` (verify %s)%n", schema,
                check.passed() ? "passes" : "FAILS"));
        refusal().ifPresent(r -> out.append("  refused: ").append(r).append('\n'));
        return out.toString();
    }

    /** The header's fields, {@code schema}, {@code legacy_table}, {@code verify} (the check) and {@code references}. */
    @Override
    public ObjectNode toJson() {
        ObjectNode json = header.toJson();
        json.put("schema", schema);
        json.put("legacy_table", legacyTable);
        if (check != null) {
            json.set("verify", MigrationJson.of(check));
        }
        ArrayNode refs = json.putArray("references");
        references.forEach(refs::add);
        refusal().ifPresent(r -> json.put("refused", r));
        return json;
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "legacy_table", "verify_passes", "references");
    }

    @Override
    public List<List<Object>> rows() {
        List<Object> row = new ArrayList<>();
        row.add(schema);
        row.add(legacyTable);
        row.add(check == null ? "" : check.passed());
        row.add(String.join(" ", references));
        return List.of(row);
    }
}
