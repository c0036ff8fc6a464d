package org.dovetail;

/**
 * A schema (database) does not exist on the server. The message names it and how to create it.
 */
public class MissingSchemaException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public MissingSchemaException(String message) {
        super(ErrorCode.MISSING_SCHEMA, message);
    }

    public MissingSchemaException(String message, Throwable cause) {
        super(ErrorCode.MISSING_SCHEMA, message, cause);
    }
}
