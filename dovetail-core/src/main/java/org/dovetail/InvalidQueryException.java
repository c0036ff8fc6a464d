package org.dovetail;

/**
 * A query expression is built or used in a way DataJoint does not allow: an unknown restriction
 * type, a projection that renames onto an existing attribute, a union of incompatible operands,
 * {@code fetch1} on a query without exactly one row. The message names the attribute or operand.
 */
public class InvalidQueryException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public InvalidQueryException(String message) {
        super(ErrorCode.INVALID_QUERY, message);
    }

    public InvalidQueryException(String message, Throwable cause) {
        super(ErrorCode.INVALID_QUERY, message, cause);
    }
}
