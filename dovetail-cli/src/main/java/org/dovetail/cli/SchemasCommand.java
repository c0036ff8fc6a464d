package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dovetail schemas}: the schemas on the server, with their table counts. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "List the schemas (databases) you can see, without the server's system schemas.")
final class SchemasCommand implements Callable<Integer> {
    /** Schemas every server has; DataJoint's list_schemas leaves them out too. */
    static final List<String> SYSTEM_SCHEMAS = List.of("information_schema", "performance_schema", "mysql", "sys");

    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Option(names = "--like", paramLabel = "PATTERN", description = "Only schemas matching this SQL LIKE pattern, e.g. 'lab\\_%%'.")
    String like;

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            List<List<Object>> rows = new ArrayList<>();
            String sql = "SELECT s.schema_name, COUNT(t.table_name) FROM information_schema.schemata s"
                    + " LEFT JOIN information_schema.tables t ON t.table_schema = s.schema_name"
                    + " WHERE s.schema_name LIKE ? GROUP BY s.schema_name ORDER BY s.schema_name";
            db.connection().query(sql, r -> List.<Object>of(r.getString(1), r.getLong(2)), like == null ? "%" : like)
                    .stream()
                    .filter(row -> !SYSTEM_SCHEMAS.contains((String) row.get(0)))
                    .forEach(rows::add);
            Commands.output(spec, global).rows(List.of("schema", "tables"), rows);
            return ExitCode.OK.code();
        }
    }
}
