package org.dovetail;

/** The statement names a column the table does not have (server error 1054). */
public class UnknownAttributeException extends QueryException {
    private static final long serialVersionUID = 1L;

    public UnknownAttributeException(String message, int errorCode, String sql, Throwable cause) {
        super(ErrorCode.UNKNOWN_ATTRIBUTE, message, errorCode, sql, cause);
    }
}
