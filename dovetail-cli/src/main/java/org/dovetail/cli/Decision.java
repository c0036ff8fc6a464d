package org.dovetail.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import org.dovetail.Report;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run} or {@code --yes} of every command that changes something (an exclusive
 * picocli argument group): delete, drop, the access commands and {@code migrate ... finalize}.
 * {@link #decide} is the one way an operation command ends, so all of them print, confirm and
 * exit alike.
 */
final class Decision {
    @Option(names = "--dry-run", description = "Only print the plan (exit 0).")
    boolean dryRun;
    @Option(names = "--yes", description = "Carry out what the plan lists.")
    boolean yes;

    /**
     * The exit code of a plan printed without {@code --yes}: 0 for a dry run or a plan with
     * nothing to do, else 3 with {@code dovetail: <refusal>} on standard error.
     */
    int withoutYes(boolean nothingToDo, PrintWriter err, String refusal) {
        if (dryRun || nothingToDo) {
            return ExitCode.OK.code();
        }
        err.println("dovetail: " + refusal);
        err.flush();
        return ExitCode.SAFETY_LIMIT.code();
    }

    /**
     * Prints the plan, or with {@code --yes} applies it and prints the report instead; every
     * format is {@link Output#report}'s. Exit codes: without {@code --yes}, 0 for a dry run or a
     * plan with nothing to do, else 3 with {@code dovetail: <hint>} on standard error (nothing
     * was changed); a plan whose apply would be refused exits 3 either way. With {@code --yes},
     * the report's outcome: 0, 1, or 3. Exceptions (a held lock, a stale plan) are the command
     * line's one-line errors with their exit codes.
     *
     * @param plan        what would change
     * @param nothingToDo true when applying would change nothing
     * @param apply       carries the plan out
     * @param hint        what to do next, e.g. {@code nothing changed: run again with --yes to apply 5 statements}
     */
    int decide(Output output, PrintWriter err, Report plan, boolean nothingToDo, Supplier<? extends Report> apply, String hint) {
        if (yes) {
            return output.report(apply.get());
        }
        int printed = output.report(plan);
        if (printed != ExitCode.OK.code()) {
            return printed;
        }
        return withoutYes(nothingToDo, err, hint);
    }
}
