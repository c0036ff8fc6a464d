package org.dovetail;

import java.util.List;

/**
 * A declaration was not attempted because the account lacks privileges it needs; the message
 * names every missing one. Nothing was sent to the server.
 */
public class MissingPrivilegeException extends AccessException {
    private static final long serialVersionUID = 1L;
    /** The server's code for a denied table access, which the declaration would have met. */
    private static final int TABLE_ACCESS_DENIED = 1142;
    private final List<String> missing;

    /**
     * @param table   the full name of the table that was to be declared
     * @param missing each missing privilege, e.g. {@code CREATE on schema `lab`}
     */
    public MissingPrivilegeException(String table, List<String> missing) {
        super(ErrorCode.MISSING_PRIVILEGE, "Cannot declare " + table + ": the account lacks " + String.join("; ", missing)
                + " (ask a database administrator to grant them)", TABLE_ACCESS_DENIED, "", null);
        this.missing = List.copyOf(missing);
    }

    /**
     * @param operation what was not attempted, e.g. {@code delete from `lab`.`subject`}
     * @param missing   each missing privilege, e.g. {@code DELETE on `lab`.`session`}
     * @param nothingDone always true: states in the message that nothing was changed
     */
    public MissingPrivilegeException(String operation, List<String> missing, boolean nothingDone) {
        super(ErrorCode.MISSING_PRIVILEGE, "Cannot " + operation + ": the account lacks " + String.join("; ", missing)
                + (nothingDone ? ". Nothing was changed" : "") + " (ask a database administrator to grant them)", TABLE_ACCESS_DENIED, "", null);
        this.missing = List.copyOf(missing);
    }

    /** The missing privileges, each as {@code PRIVILEGE on <object>}. */
    public List<String> missing() {
        return missing;
    }
}
