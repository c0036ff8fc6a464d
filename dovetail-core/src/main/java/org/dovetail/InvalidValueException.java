package org.dovetail;

/**
 * A value cannot be stored in (or compared with) an attribute: wrong type, malformed UUID, NaN in a
 * restriction, a string not among an enum's values. The message names the attribute and the value.
 */
public class InvalidValueException extends DovetailException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(ErrorCode.INVALID_VALUE, message);
    }

    public InvalidValueException(String message, Throwable cause) {
        super(ErrorCode.INVALID_VALUE, message, cause);
    }
}
