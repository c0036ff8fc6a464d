package org.dovetail;

/**
 * An operation is not allowed on this table or in this state: deleting from or dropping a part
 * table directly, updating a restricted table, inserting into an auto-populated table outside
 * {@code make}, dropping inside a transaction. Nothing was changed; the message says what to do instead.
 */
public class InvalidOperationException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public InvalidOperationException(String message) {
        super(ErrorCode.INVALID_OPERATION, message);
    }

    public InvalidOperationException(String message, Throwable cause) {
        super(ErrorCode.INVALID_OPERATION, message, cause);
    }
}
