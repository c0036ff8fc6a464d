package org.dovetail.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail tables SCHEMA}: the tables of a schema in dependency order, as DataJoint lists them. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = "List the tables of a schema with their DataJoint class names and tiers, parents before children and "
                + "each master followed by its parts (DataJoint's list_tables order).")
final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCHEMA", description = "The schema (database) name.")
    String schema;

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            List<List<Object>> rows = Schema.open(db.connection(), schema).tables().stream()
                    .map(t -> List.<Object>of(t.className(), t.tier().displayName(), t.tableName()))
                    .toList();
            Commands.output(spec, global).rows(List.of("class", "tier", "table"), rows);
            return ExitCode.OK.code();
        }
    }
}
