package org.dovetail.cli;

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

    public int code() {
        return code;
    }
}
