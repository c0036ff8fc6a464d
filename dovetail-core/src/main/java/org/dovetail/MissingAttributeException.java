package org.dovetail;

/** A required column without default got no value (server error 1364). */
public class MissingAttributeException extends QueryException {
    private static final long serialVersionUID = 1L;

    public MissingAttributeException(String message, int errorCode, String sql, Throwable cause) {
        super(ErrorCode.MISSING_ATTRIBUTE, message, errorCode, sql, cause);
    }
}
