package org.dovetail;

/** A row with the same primary or unique key exists (server error 1062). */
public class DuplicateException extends QueryException {
    private static final long serialVersionUID = 1L;

    public DuplicateException(String message, int errorCode, String sql, Throwable cause) {
        super(ErrorCode.DUPLICATE, message, errorCode, sql, cause);
    }
}
