package org.dovetail.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.table.DeleteOption;
import org.dovetail.table.DeletePlan;
import org.dovetail.table.Table;
import org.dovetail.table.TableRows;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dovetail delete}: a cascading delete, planned first; deletes only with {@code --yes}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete rows and every row that depends on them, in any schema, leaves first in one transaction.",
                "Prints the plan (rows per table). Without --yes nothing is deleted and the exit code is 3."})
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    DovetailCommand global;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCHEMA.Table", description = "The table, e.g. lab.Session.")
    String table;

    @Option(names = "--where", paramLabel = "COND", description = "An SQL restriction (repeat: all must hold). Without it, every row.")
    List<String> where = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Decision decision = new Decision();

    static final class Decision {
        @Option(names = "--dry-run", description = "Only print the plan (exit 0).")
        boolean dryRun;
        @Option(names = "--yes", description = "Delete what the plan lists.")
        boolean yes;
    }

    @Option(names = "--force-parts", description = "Allow deleting part rows without their masters' rows.")
    boolean forceParts;

    @Option(names = "--force-masters", description = "Delete the masters of part rows that are reached, with all their parts.")
    boolean forceMasters;

    @Override
    public Integer call() {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            Table t = TableArgument.open(db.connection(), table);
            for (String condition : where) {
                t = t.restrict(condition);
            }
            List<DeleteOption> options = new ArrayList<>();
            if (forceParts) {
                options.add(DeleteOption.FORCE_PARTS);
            }
            if (forceMasters) {
                options.add(DeleteOption.FORCE_MASTERS);
            }
            DeletePlan plan = t.deletePlan(options.toArray(DeleteOption[]::new));
            PrintWriter err = spec.commandLine().getErr();
            if (!decision.yes) {
                print(plan.tables(), "rows");
                if (decision.dryRun || plan.totalRows() == 0) {
                    return ExitCode.OK.code();
                }
                err.println("dovetail: nothing deleted: run again with --yes to delete " + plan.totalRows() + " rows");
                err.flush();
                return ExitCode.SAFETY_LIMIT.code();
            }
            plan.execute();
            print(plan.tables(), "deleted");
            return ExitCode.OK.code();
        }
    }

    private void print(List<TableRows> tables, String column) {
        List<List<Object>> rows = new ArrayList<>();
        tables.stream().filter(r -> r.rows() > 0 || r == tables.get(0)).forEach(r -> rows.add(List.of(r.table(), r.rows())));
        Commands.output(spec, global).rows(List.of("table", column), rows);
    }
}
