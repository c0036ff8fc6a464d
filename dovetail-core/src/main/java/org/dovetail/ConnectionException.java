package org.dovetail;

/** A connection could not be opened: wrong credentials, unreachable host, TLS refused. The message names host, port and user. */
public class ConnectionException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message) {
        super(ErrorCode.CONNECTION, message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(ErrorCode.CONNECTION, message, cause);
    }

    /** For subclasses that name a more specific code. */
    protected ConnectionException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** For subclasses that name a more specific code. */
    protected ConnectionException(ErrorCode code, String message) {
        super(code, message);
    }
}
