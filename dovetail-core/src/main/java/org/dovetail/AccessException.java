package org.dovetail;

/** The account lacks a privilege the statement needs (server errors 1044, 1142). */
public class AccessException extends QueryException {
    private static final long serialVersionUID = 1L;

    public AccessException(String message, int errorCode, String sql, Throwable cause) {
        this(ErrorCode.ACCESS_DENIED, message, errorCode, sql, cause);
    }

    /** For subclasses that name a more specific code. */
    protected AccessException(ErrorCode code, String message, int errorCode, String sql, Throwable cause) {
        super(code, message, errorCode, sql, cause);
    }
}
