package org.dovetail.cli;

import java.util.concurrent.Callable;
import org.dovetail.Report;
import org.dovetail.ops.access.AccessManager;
import org.dovetail.ops.access.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code access show} and {@code access check}: read-only reports. */
final class AccessReportCommands {
    private AccessReportCommands() {}

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Effective privileges of an account (default: yours): its roles and whether each is active at "
                    + "login, the server's role activation, every grant and where it comes from, what it can do per "
                    + "schema prefix, and warnings (inactive roles, overlapping patterns, reachable system schemas)."})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER", arity = "0..1", description = "NAME or NAME@HOST (host %% if omitted).")
        String user;

        @Mixin
        AccessOptions.ReportSql sql;

        @Override
        public Integer call() {
            try (Database.Opened db = Commands.database(spec, parent.global).open()) {
                AccessManager access = AccessManager.on(db.connection());
                Report report = user == null ? access.show() : access.show(user);
                if (sql.only) {
                    AccessCommand.printScript(spec, AccessCommand.queryScript("show" + (user == null ? "" : " " + user), access.queries()));
                } else {
                    parent.render(spec, report);
                }
                return ExitCode.OK.code();
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Server settings that matter: version, role activation, roles inactive at login, "
                    + "max_allowed_packet, TLS, charset, and grants that reach the mysql schema.",
                    "Exits 1 if a check warns."})
    static final class Check implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Mixin
        AccessOptions.ReportSql sql;

        @Override
        public Integer call() {
            try (Database.Opened db = Commands.database(spec, parent.global).open()) {
                AccessManager access = AccessManager.on(db.connection());
                CheckReport report = access.check();
                if (sql.only) {
                    AccessCommand.printScript(spec, AccessCommand.queryScript("check", access.queries()));
                    return ExitCode.OK.code();
                }
                return parent.print(spec, report);
            }
        }
    }
}
