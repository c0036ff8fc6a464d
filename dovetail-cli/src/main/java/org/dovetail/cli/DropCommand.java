package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.schema.DropPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dovetail drop}: drops a table and its dependent tables, planned first; drops only with {@code --yes}. */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = {"Drop a table and every table that depends on it, children first.",
                "Prints the tables and their row counts. Without --yes nothing is dropped and the exit code is 3."})
final class DropCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfTable table;

    @ArgGroup(exclusive = true)
    Decision decision = new Decision();

    @Override
    public Integer call() throws Exception {
        return table.run(t -> {
            DropPlan plan = t.dropPlan();
            List<List<Object>> rows = new ArrayList<>();
            plan.tables().forEach(r -> rows.add(List.of(r.table(), r.rows())));
            table.output().rows(List.of("table", decision.yes ? "dropped with rows" : "rows"), rows);
            if (!decision.yes) {
                return decision.withoutYes(false, table.err(),
                        "nothing dropped: run again with --yes to drop " + plan.tables().size() + " tables");
            }
            plan.execute();
            return ExitCode.OK.code();
        });
    }
}
