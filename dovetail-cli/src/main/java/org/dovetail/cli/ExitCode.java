package org.dovetail.cli;

import org.dovetail.Report;

/** The exit codes of every {@code dovetail} command. */
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

    public int code() {
        return code;
    }
}
