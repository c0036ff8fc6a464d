package org.dovetail;

/** The connection to the database server was lost (and could not be restored, or was lost inside a transaction). */
public class LostConnectionException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public LostConnectionException(String message) {
        super(ErrorCode.LOST_CONNECTION, message);
    }

    public LostConnectionException(String message, Throwable cause) {
        super(ErrorCode.LOST_CONNECTION, message, cause);
    }
}
