package org.dovetail;

/**
 * The server rejected a statement. Carries the server's error code and the SQL; the message is the
 * server's message, so callers (e.g. the cascading delete) can parse it.
 */
public class QueryException extends DovetailException {
    private static final long serialVersionUID = 1L;
    private final int errorCode;
    private final String sql;

    public QueryException(String message, int errorCode, String sql, Throwable cause) {
        this(ErrorCode.QUERY, message, errorCode, sql, cause);
    }

    /** For subclasses that name a more specific code. */
    protected QueryException(ErrorCode code, String message, int errorCode, String sql, Throwable cause) {
        super(code, message, cause);
        this.errorCode = errorCode;
        this.sql = sql;
    }

    /** The server's error number, e.g. 1062 for a duplicate key. */
    public int errorCode() {
        return errorCode;
    }

    /** The statement that failed. */
    public String sql() {
        return sql;
    }
}
