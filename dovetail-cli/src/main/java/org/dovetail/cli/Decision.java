package org.dovetail.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --dry-run} or {@code --yes} of delete and drop (an exclusive picocli argument group). */
final class Decision {
    @Option(names = "--dry-run", description = "Only print the plan (exit 0).")
    boolean dryRun;
    @Option(names = "--yes", description = "Delete what the plan lists.")
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
}
