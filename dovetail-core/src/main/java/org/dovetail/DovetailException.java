package org.dovetail;

/**
 * The root of every error Dovetail raises. Unchecked: callers catch the subclass named for
 * what failed ({@code DuplicateException}, {@code LostConnectionException}, ...) or this root.
 *
 * <p>Messages name the table, attribute, file or key involved and, where there is one, what to do.
 */
public class DovetailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DovetailException(String message) {
        super(message);
    }

    public DovetailException(String message, Throwable cause) {
        super(message, cause);
    }
}
