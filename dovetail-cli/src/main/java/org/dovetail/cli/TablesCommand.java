package org.dovetail.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dovetail tables SCHEMA}: the tables of a schema in dependency order, as DataJoint lists them. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List the tables of a schema with their DataJoint class names and tiers, parents before children and "
                + "each master followed by its parts (DataJoint's list_tables order).")
final class TablesCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfSchema schema;

    @Override
    public Integer call() {
        return schema.run(s -> {
            List<List<Object>> rows = s.tables().stream()
                    .map(t -> List.<Object>of(t.className(), t.tier().displayName(), t.tableName()))
                    .toList();
            schema.output().rows(List.of("class", "tier", "table"), rows);
        });
    }
}
