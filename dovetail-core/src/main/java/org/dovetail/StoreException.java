package org.dovetail;

/**
 * An external store could not be read or written. The message names the store, the object's
 * address (file path or {@code s3://bucket/key}) and what failed.
 */
public class StoreException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
