package org.dovetail.cli;

import java.io.Console;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dovetail.DovetailException;
import org.dovetail.ErrorCode;
import org.dovetail.InvalidInputException;
import org.dovetail.config.Config;
import org.dovetail.ops.access.PasswordChange;
import org.dovetail.ops.access.Role;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code access add-user}, {@code access set-password} and {@code access reset-password}. */
final class AccessUserCommands {
    private AccessUserCommands() {}

    @Command(name = "add-user", mixinStandardHelpOptions = true,
            description = {"Create the account 'NAME'@'%%' with a role that is active at login, ALL on its own prefix "
                    + "NAME_* (not for guests), and NAME_* readable by every role.",
                    "The password is random, shown once, and expired: the user sets their own at first login "
                            + "(access set-password). An existing account keeps its password; its role and grants are "
                            + "brought up to date.",
                    "--role backup instead creates NAME@HOST for each --from-host (default localhost) with the dj_backup role"
                            + " (created on first use) and one random password that does not expire."})
    static final class AddUser implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user name (no quotes, backticks, backslashes or control characters).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "guest, collab, user, admin or backup"
                + " (dj_backup: what `dovetail backup` needs, on every schema; accounts NAME@HOST for each --from-host).")
        String role;

        @Option(names = "--from-host", paramLabel = "HOST", description = "With --role backup: a host the account logs in from"
                + " (repeatable; default localhost; %% is refused). Other roles create NAME@%%.")
        List<String> hosts = new ArrayList<>();

        @Mixin
        AccessOptions.NewPassword password;

        @Mixin
        AccessOptions.Sql sql;

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            if (parsed == Role.BACKUP) {
                if (password.temppass) {
                    throw new DovetailException(ErrorCode.USAGE, "--temppass is not for a backup account: its password is random"
                            + " and does not expire (a scheduled job logs in with it)");
                }
                return parent.plan(spec, sql.only, decision, (access, config) -> access.addBackupUser(name, hosts));
            }
            if (!hosts.isEmpty()) {
                throw new DovetailException(ErrorCode.USAGE, "--from-host is for --role backup; the " + parsed + " role's accounts are NAME@%");
            }
            return parent.plan(spec, sql.only, decision, (access, config) -> access.addUser(name, parsed, password.initialPassword()));
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Give another account a new random password, shown once and expired (administrators).")
    static final class ResetPassword implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "USER", description = "NAME or NAME@HOST (host %% if omitted).")
        String user;

        @Mixin
        AccessOptions.NewPassword password;

        @Mixin
        AccessOptions.Sql sql;

        @ArgGroup(exclusive = true)
        Decision decision = new Decision();

        @Override
        public Integer call() {
            return parent.plan(spec, sql.only, decision, (access, config) -> access.resetPassword(user, password.initialPassword()));
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true,
            description = {"Change your own password (the account you connect as), also when it has expired.",
                    "The new password is prompted for twice without echo, or read from standard input; never from "
                            + "the command line. It is not written to any configuration file.",
                    "Typing the new password is the confirmation: no --yes. Not recorded in the audit log (your account "
                            + "need not be able to write it)."})
    static final class SetPassword implements Callable<Integer> {
        @ParentCommand
        AccessCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--new-password-stdin",
                description = "Read the new password from a line of standard input (after the current one with --password-stdin).")
        boolean newPasswordStdin;

        @Mixin
        AccessOptions.Sql sql;

        @Override
        public Integer call() {
            Database database = Commands.database(spec, parent.global);
            Config config = database.config();
            if (database.usesEmbedded(config)) {
                throw new DovetailException(ErrorCode.USAGE, "set-password changes the password of a configured account; nothing is configured,"
                        + " and the embedded server's root password belongs to dovetail (--host, --user or a config file)");
            }
            config = database.withPassword(config);
            String newPassword = newPasswordStdin ? StdinLines.next(parent.global.stdin, "--new-password-stdin") : prompt();
            if (sql.only) {
                AccessCommand.printScript(spec, PasswordChange.plan(config, newPassword).script());
                return ExitCode.OK.code();
            }
            return parent.print(spec, PasswordChange.apply(config, newPassword));
        }

        private static String prompt() {
            Console console = System.console();
            if (console == null) {
                throw new DovetailException(ErrorCode.USAGE, "No terminal to prompt for the new password on: use --new-password-stdin");
            }
            char[] first = console.readPassword("New password: ");
            char[] second = console.readPassword("Confirm password: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new InvalidInputException("The passwords did not match; nothing was changed");
            }
            return new String(first);
        }
    }
}
