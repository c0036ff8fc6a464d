package org.dovetail.cli;

import java.io.PrintWriter;
import java.util.List;
import org.dovetail.Report;
import org.dovetail.config.Config;
import org.dovetail.ops.access.AccessManager;
import org.dovetail.ops.access.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;

/** {@code dovetail access ...}: roles by schema prefix, accounts, passwords, privileges. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = {"Roles by schema prefix (dj_guest, dj_collab, dj_user, dj_admin), accounts, passwords and "
                + "effective privileges: the Spyglass access model, on MariaDB and MySQL 8.",
                "A command that changes something prints its plan and changes nothing (exit 3) unless given --yes;",
                "--dry-run prints the plan (exit 0); --sql prints the statements as a script."},
        subcommands = {AccessRoleCommands.InitRoles.class, AccessRoleCommands.AddModule.class,
                AccessUserCommands.AddUser.class, AccessUserCommands.SetPassword.class,
                AccessUserCommands.ResetPassword.class, AccessReportCommands.Show.class, AccessReportCommands.Check.class})
final class AccessCommand {
    @ParentCommand
    DovetailCommand global;

    /**
     * Plans with the access manager, then prints the script ({@code --sql}), or the plan, or with
     * {@code --yes} applies it and prints the report ({@link Decision#decide}).
     */
    int plan(CommandSpec spec, boolean sqlOnly, Decision decision, Planner planner) {
        try (Database.Opened db = Commands.database(spec, global).open()) {
            AccessManager access = AccessManager.on(db.connection());
            Plan plan = planner.plan(access, db.connection().config());
            if (sqlOnly) {
                printScript(spec, plan.script());
                return ExitCode.OK.code();
            }
            int n = plan.statements().size();
            return decision.decide(Commands.output(spec, global), spec.commandLine().getErr(), plan, plan.isEmpty(),
                    () -> access.apply(plan), "nothing changed: run again with --yes to apply " + n + (n == 1 ? " statement" : " statements"));
        }
    }

    /** Makes the plan of one command. */
    @FunctionalInterface
    interface Planner {
        Plan plan(AccessManager access, Config config);
    }

    /** Prints a report; the exit code follows its outcome. */
    int print(CommandSpec spec, Report report) {
        return Commands.output(spec, global).report(report);
    }

    void render(CommandSpec spec, Report report) {
        Commands.output(spec, global).report(report);
    }

    static void printScript(CommandSpec spec, String script) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(script);
        out.flush();
    }

    /** The read-only queries of a report as a script. */
    static String queryScript(String action, List<String> queries) {
        StringBuilder sb = new StringBuilder("-- dovetail access ").append(action)
                .append(": read-only queries (they change nothing, so they have run)\n");
        queries.forEach(q -> sb.append(q).append(";\n"));
        return sb.toString();
    }
}
