package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.table.DropPlan;
import org.dovetail.table.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dovetail drop}: drops a table and its dependent tables, planned first; drops only with {@code --yes}. */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = {"Drop a table and every table that depends on it, children first.",
                "Prints the tables and their row counts. Without --yes nothing is dropped and the exit code is 3."})
final class DropCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCHEMA.Table", description = "The table, e.g. lab.Session.")
    String table;

    @ArgGroup(exclusive = true)
    DeleteCommand.Decision decision = new DeleteCommand.Decision();

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            Table t = TableArgument.open(db.connection(), table);
            DropPlan plan = t.dropPlan();
            List<List<Object>> rows = new ArrayList<>();
            plan.tables().forEach(r -> rows.add(List.of(r.table(), r.rows())));
            Commands.output(spec, global).rows(List.of("table", decision.yes ? "dropped with rows" : "rows"), rows);
            if (!decision.yes) {
                if (decision.dryRun) {
                    return ExitCode.OK.code();
                }
                spec.commandLine().getErr().println("dovetail: nothing dropped: run again with --yes to drop " + plan.tables().size() + " tables");
                spec.commandLine().getErr().flush();
                return ExitCode.SAFETY_LIMIT.code();
            }
            plan.execute();
            return ExitCode.OK.code();
        }
    }
}
