package org.dovetail;

/**
 * The server refused a statement because the table is under maintenance: a trigger signalled
 * SQLSTATE 45000 (server error 1644), as the insert-blocking triggers of a running cleanup do
 * (Spyglass' {@code Inserts disabled during maintenance: <table>}). Nothing was written; the
 * statement may succeed when the maintenance is over, so it is worth retrying later.
 */
public class MaintenanceException extends QueryException {
    private static final long serialVersionUID = 1L;

    public MaintenanceException(String message, int errorCode, String sql, Throwable cause) {
        super(ErrorCode.MAINTENANCE, message, errorCode, sql, cause);
    }

    /** Always true: the same statement may succeed once the maintenance is over. */
    public boolean retryable() {
        return true;
    }
}
