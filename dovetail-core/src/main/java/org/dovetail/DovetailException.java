package org.dovetail;

import java.util.Objects;

/**
 * The root of every error Dovetail raises. Unchecked: callers catch the subclass named for
 * what failed ({@code DuplicateException}, {@code LostConnectionException}, ...), this root, or
 * branch on {@link #code()}.
 *
 * <p>Messages name the table, attribute, file or key involved and, where there is one, what to do.
 */
public class DovetailException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public DovetailException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public DovetailException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The kind of failure, stable across releases. */
    public ErrorCode code() {
        return code;
    }
}
