package org.dovetail;

/** The server could not parse the statement (server error 1064). */
public class QuerySyntaxException extends QueryException {
    private static final long serialVersionUID = 1L;

    public QuerySyntaxException(String message, int errorCode, String sql, Throwable cause) {
        super(ErrorCode.QUERY_SYNTAX, message, errorCode, sql, cause);
    }
}
