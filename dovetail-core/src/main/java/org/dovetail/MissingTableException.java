package org.dovetail;

/** A query named a table that does not exist (server error 1146). Not a {@link QueryException}, as in DataJoint. */
public class MissingTableException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public MissingTableException(String message) {
        super(ErrorCode.MISSING_TABLE, message);
    }

    public MissingTableException(String message, Throwable cause) {
        super(ErrorCode.MISSING_TABLE, message, cause);
    }
}
