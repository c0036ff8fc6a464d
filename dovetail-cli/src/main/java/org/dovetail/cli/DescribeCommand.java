package org.dovetail.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dovetail describe SCHEMA.Table}: the table's definition, reconstructed from the database. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Print the DataJoint definition of a table, reconstructed from the database as DataJoint's describe() "
                + "does; it declares the same table again. With --format json: table, class and definition.")
final class DescribeCommand implements Callable<Integer> {
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
            Schema schema = Schema.open(db.connection(), name[0]);
            String definition = schema.describe(name[1]);
            Output output = Commands.output(spec, global);
            if (output.format() == OutputFormat.table) {
                output.text(definition);
            } else {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("table", schema.freeTable(name[1]).fullName());
                record.put("class", name[1]);
                record.put("definition", definition);
                output.record(record);
            }
            return ExitCode.OK.code();
        }
    }
}
