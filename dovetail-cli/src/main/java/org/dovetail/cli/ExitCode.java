package org.dovetail.cli;

import org.dovetail.DovetailException;
import org.dovetail.Report;

/**
 * The exit codes of every {@code dovetail} command, and the one place that chooses them: from a
 * report's outcome ({@link #of(Report.Outcome)}) and from a failure ({@link #of(Throwable)}).
 */
public enum ExitCode {
    OK(0),
    FAILURE(1),
    USAGE(2),
    /** Nothing was done because a safety limit tripped (e.g. a destructive plan without {@code --yes}). */
    SAFETY_LIMIT(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The exit code of a report's outcome. */
    public static ExitCode of(Report.Outcome outcome) {
        return switch (outcome) {
            case OK -> OK;
            case FAILED -> FAILURE;
            case REFUSED -> SAFETY_LIMIT;
        };
    }

    /** The exit code of a failure: chosen by its error code's category, 1 for a failure that has none. */
    public static ExitCode of(Throwable failure) {
        if (!(failure instanceof DovetailException e)) {
            return FAILURE;
        }
        return switch (e.code().category()) {
            case FAILURE -> FAILURE;
            case USAGE -> USAGE;
            case REFUSED -> SAFETY_LIMIT;
        };
    }

    public int code() {
        return code;
    }
}
