package org.dovetail.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.heading.Heading;
import org.dovetail.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail heading SCHEMA.Table}: the table's heading as read from the database. */
@Command(name = "heading", mixinStandardHelpOptions = true,
        description = "Print the heading of a table as read from the database: attributes with DataJoint's types, keys, "
                + "defaults and comments. --format json gives the whole heading with DataJoint's property names "
                + "(attributes, primary_key, indexes, parents with attr_map, comment).")
final class HeadingCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCHEMA.Class", description = "The table, e.g. lab.Session or lab.Session.Trial.")
    String table;

    @Override
    public Integer call() {
        String[] name = Commands.schemaAndClass(spec, table);
        try (Database.Opened db = Commands.database(spec, global).open()) {
            Heading heading = Schema.open(db.connection(), name[0]).heading(name[1]);
            Output output = Commands.output(spec, global);
            if (output.format() == OutputFormat.json || output.format() == OutputFormat.jsonl) {
                output.value(heading);
            } else {
                List<List<Object>> rows = heading.attributes().stream()
                        .map(a -> List.<Object>of(a.name(), a.type(), a.inKey() ? "PK" : "", a.nullable() ? "yes" : "",
                                a.defaultValue() == null ? "" : a.defaultValue(), a.comment()))
                        .toList();
                output.rows(List.of("attribute", "type", "key", "nullable", "default", "comment"), rows);
            }
            return ExitCode.OK.code();
        }
    }
}
