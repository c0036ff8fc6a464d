package org.dovetail;

/**
 * An external store could not be read or written. The message names the store, the object's
 * address (file path or {@code s3://bucket/key}) and what failed.
 */
public class StoreException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(ErrorCode.STORE, message);
    }

    public StoreException(String message, Throwable cause) {
        super(ErrorCode.STORE, message, cause);
    }

    /** For subclasses that name a more specific code. */
    protected StoreException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** For subclasses that name a more specific code. */
    protected StoreException(ErrorCode code, String message) {
        super(code, message);
    }
}
