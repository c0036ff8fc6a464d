package org.dovetail.embedded;

/**
 * The embedded server could not be installed, started or stopped. The message says which step
 * failed and, where the server wrote one, ends with the relevant lines of its error log.
 */
public class EmbeddedServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmbeddedServerException(String message) {
        super(message);
    }

    public EmbeddedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
