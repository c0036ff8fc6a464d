package org.dovetail;

/** A connection could not be opened: wrong credentials, unreachable host, TLS refused. The message names host, port and user. */
public class ConnectionException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
