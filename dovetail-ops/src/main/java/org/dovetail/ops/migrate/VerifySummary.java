package org.dovetail.ops.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dovetail.Report;

/**
 * What one migration {@code verify} command found, one check per schema; {@link Outcome#FAILED}
 * when a reference does not resolve and decode, or a column is left to migrate.
 */
public record VerifySummary(List<MigrationCheck> checks) implements Report {
    public VerifySummary {
        checks = List.copyOf(checks);
    }

    @Override
    public Outcome outcome() {
        return checks.stream().allMatch(MigrationCheck::passed) ? Outcome.OK : Outcome.FAILED;
    }

    @Override
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (MigrationCheck c : checks) {
            out.append(String.format("schema %s: %d references checked, %s%n", c.schema(), c.references(), c.passed()
                    ? "all resolve and decode" : c.problems().size() + " problem(s), " + c.remaining().size() + " column(s) left"));
            c.remaining().forEach(r -> out.append("  left: ").append(r).append('\n'));
            c.problems().forEach(p -> out.append("  problem: ").append(p).append('\n'));
        }
        return out.toString();
    }

    @Override
    public JsonNode toJson() {
        return MigrationJson.of(checks);
    }

    @Override
    public List<String> columns() {
        return List.of("schema", "references", "passed", "problems", "columns_left");
    }

    @Override
    public List<List<Object>> rows() {
        return checks.stream().map(c -> List.<Object>of(c.schema(), c.references(), c.passed(), c.problems().size(),
                c.remaining().size())).toList();
    }
}
