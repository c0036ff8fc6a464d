package org.dovetail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dovetail.schema.DeleteOption;
import org.dovetail.schema.DeletePlan;
import org.dovetail.schema.Table;
import org.dovetail.schema.TableRows;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dovetail delete}: a cascading delete, planned first; deletes only with {@code --yes}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete rows and every row that depends on them, in any schema, leaves first in one transaction.",
                "Prints the plan (rows per table). Without --yes nothing is deleted and the exit code is 3."})
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    CommandTarget.OfTable table;

    @Mixin
    Restriction where;

    @ArgGroup(exclusive = true)
    Decision decision = new Decision();

    @Option(names = "--force-parts", description = "Allow deleting part rows without their masters' rows.")
    boolean forceParts;

    @Option(names = "--force-masters", description = "Delete the masters of part rows that are reached, with all their parts.")
    boolean forceMasters;

    @Override
    public Integer call() throws Exception {
        return table.run(t -> {
            Table restricted = t;
            for (String condition : where.conditions) {
                restricted = restricted.restrict(condition);
            }
            DeletePlan plan = restricted.deletePlan(Commands.selected(
                    Map.of(DeleteOption.FORCE_PARTS, forceParts, DeleteOption.FORCE_MASTERS, forceMasters), DeleteOption[]::new));
            if (!decision.yes) {
                print(plan.tables(), "rows");
                return decision.withoutYes(plan.totalRows() == 0, table.err(),
                        "nothing deleted: run again with --yes to delete " + plan.totalRows() + " rows");
            }
            plan.execute();
            print(plan.tables(), "deleted");
            return ExitCode.OK.code();
        });
    }

    private void print(List<TableRows> tables, String column) {
        List<List<Object>> rows = new ArrayList<>();
        tables.stream().filter(r -> r.rows() > 0 || r == tables.get(0)).forEach(r -> rows.add(List.of(r.table(), r.rows())));
        table.output().rows(List.of("table", column), rows);
    }
}
