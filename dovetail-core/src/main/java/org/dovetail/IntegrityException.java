package org.dovetail;

/** A foreign-key constraint was violated (server errors 1217, 1451, 1452). */
public class IntegrityException extends QueryException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message, int errorCode, String sql, Throwable cause) {
        super(ErrorCode.INTEGRITY, message, errorCode, sql, cause);
    }
}
